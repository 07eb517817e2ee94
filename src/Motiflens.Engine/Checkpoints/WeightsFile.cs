using Motiflens.IO;

namespace Motiflens.Engine.Checkpoints;

/// <summary>
/// weights.npz: one float32 array per state tensor, keyed <c>layers.{i}.{param}</c> in PyTorch names and
/// shapes (loadable with <c>torch.nn.Module.load_state_dict</c> after renaming the prefix). Stored
/// uncompressed in the given order with fixed timestamps, so identical weights give identical bytes.
/// </summary>
public static class WeightsFile
{
    /// <summary>Writes <paramref name="state"/> atomically to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<StateEntry> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        NpzArchive.Write(path, state.Select(e => new KeyValuePair<string, NpyArray>(e.Key, NpyArray.FromFloats(Exact(e), e.Shape))), compress: false);
    }

    /// <summary>Reads every array of a weights file as float32 state entries, by key.</summary>
    public static Dictionary<string, StateEntry> Read(string path)
    {
        var result = new Dictionary<string, StateEntry>(StringComparer.Ordinal);
        using var npz = NpzArchive.Open(path);
        foreach (var key in npz.Keys)
        {
            var array = npz.Get(key);
            if (array.DType.Kind is NpyKind.Unicode)
            {
                throw new InputException(path, key, $"expected a numeric array, found {array.DType}");
            }

            result[key] = new StateEntry(key, array.Shape, array.ToFloat32());
        }

        return result;
    }

    private static float[] Exact(StateEntry e)
    {
        int n = 1;
        foreach (var d in e.Shape)
        {
            n *= d;
        }

        return e.Data.Length == n ? e.Data : e.Data.AsSpan(0, n).ToArray();
    }
}
