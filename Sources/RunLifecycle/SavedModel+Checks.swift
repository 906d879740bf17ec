import ExperimentCompiler
import NeuralNetwork
import RunStore
import Training

extension SavedModel {
    /// The model `experiment` describes with the file's weights loaded, after every tensor is checked, naming it:
    /// its name and shape against the model (the first kernel's rows against the dataset's features where
    /// resolved.json alone tells them: mnist and fashion-mnist), then its values (NaN or an infinity would
    /// evaluate to `loss: nan` and predict nothing). The dtype (F32 only) is checked when the file is read.
    static func loadedModel(_ file: SafeTensors, experiment: Experiment, path: String) throws(RunnerFailure) -> Sequential {
        func mismatch(_ reason: String) -> RunnerFailure { .located(ModelFileError.mismatch(path: path, reason: reason).description) }
        guard let kernel = file.tensor(named: "dense.kernel") else { throw mismatch("it has no tensor 'dense.kernel'") }
        let units = experiment.model.layers.lazy.compactMap { layer -> Int? in
            if case .dense(let dense) = layer { dense.units } else { nil }
        }.first ?? 0
        let known = CompileStep.savedRunCompiler.shape(of: experiment.data.dataset)?.features
        guard kernel.shape.count == 2, kernel.shape[0] > 0, known != nil || kernel.shape[1] == units else {
            throw mismatch("'dense.kernel' has shape \(kernel.shape), the model's is [\(known.map(String.init) ?? "inputs"), \(units)]")
        }
        let model: Sequential
        do {
            model = try ModelBuilder(experiment).model(inputWidth: known ?? kernel.shape[0])
        } catch {
            throw .runFailed("\(error)")
        }
        do {
            try model.load(file.tensors.map { WeightTensor(name: $0.name, shape: $0.shape, values: $0.values) })
        } catch {
            throw mismatch(error.description)
        }
        for tensor in file.tensors {
            if let bad = tensor.firstNonFinite {
                throw .located(ModelFileError.nonFinite(path: path, tensor: tensor.name, index: bad.index, value: bad.value, count: bad.count).description)
            }
        }
        return model
    }
}
