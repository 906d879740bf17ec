import ExperimentCompiler
import RunStore

extension RunDiff {
    /// When the runs have different numbers of layers, the layers inserted in B and removed from A, found by the
    /// longest common subsequence of whole layers (so one dropout layer put in is one line, not every later layer
    /// shifted by one); nil when the counts are equal, where layers are compared position by position.
    static func layerChanges(_ a: JSONValue, _ b: JSONValue) -> [ConfigurationChange]? {
        guard case .array(let old)? = a["model"]?["layers"], case .array(let new)? = b["model"]?["layers"],
              old.count != new.count else { return nil }
        // lengths[i][j]: the longest common subsequence of old[i...] and new[j...].
        var lengths = [[Int]](repeating: [Int](repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lengths[i][j] = old[i] == new[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var changes: [ConfigurationChange] = []
        var (i, j) = (0, 0)
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                (i, j) = (i + 1, j + 1)
            } else if j < new.count, i == old.count || lengths[i][j + 1] >= lengths[i + 1][j] {
                changes.append(ConfigurationChange(path: "model.layers[\(j)]", old: nil, new: new[j],
                                                   kind: .inserted(ModelSummary.layerText(new[j]))))
                j += 1
            } else {
                changes.append(ConfigurationChange(path: "model.layers[\(i)]", old: old[i], new: nil,
                                                   kind: .removed(ModelSummary.layerText(old[i]))))
                i += 1
            }
        }
        return changes
    }
}
