import ExperimentCompiler
import ModelKinds
import NeuralNetwork
import RunStore
import Training

extension SavedModel {
    /// The model `experiment` describes with the file's weights loaded, after every tensor is checked, naming it:
    /// its name and shape against the model's named tensors (`Sequential.namedTensors`: dense and conv kernels,
    /// biases, batch normalization's gamma, beta and moving statistics), the model's input shape being the
    /// dataset's where resolved.json alone tells it (mnist and fashion-mnist), else the file's `input_shape`
    /// (an image model), else the first dense kernel's rows; then its values (NaN or an infinity would
    /// evaluate to `loss: nan` and predict nothing). The dtype (F32 only) is checked when the file is read.
    static func loadedModel(_ file: SafeTensors, experiment: Experiment, path: String) throws(RunnerFailure) -> Sequential {
        func mismatch(_ reason: String) -> RunnerFailure { .located(ModelFileError.mismatch(path: path, reason: reason).description) }
        let input: TensorShape
        if let known = CompileStep.savedRunCompiler.shape(of: experiment.data.dataset) {
            input = experiment.inputShape(known)
        } else if let text = file.metadata[inputShapeKey] {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).compactMap { Int($0) }
            // Bounded so that a damaged header cannot size the model's buffers past memory.
            guard parts.count == 3, parts.allSatisfy({ $0 > 0 && $0 <= Int(Int32.max) }), parts.reduce(1, *) <= Int(Int32.max) else {
                throw mismatch("its input_shape '\(text)' is not three positive integers")
            }
            input = TensorShape(sampleShape: parts)
        } else {
            guard let kernel = file.tensor(named: "dense.kernel") else { throw mismatch("it has no tensor 'dense.kernel'") }
            let units = experiment.model.layers.lazy.compactMap { layer -> Int? in
                if case .dense(let dense) = layer { dense.units } else { nil }
            }.first ?? 0
            guard kernel.shape.count == 2, kernel.shape[0] > 0, kernel.shape[1] == units else {
                throw mismatch("'dense.kernel' has shape \(kernel.shape), the model's is [inputs, \(units)]")
            }
            input = .vector(kernel.shape[0])
        }
        let model: Sequential
        do {
            model = try ModelBuilder(experiment).model(input: input)
        } catch {
            // The experiment compiled on its dataset's shape, so only the file's input_shape can be wrong here.
            if file.metadata[inputShapeKey] != nil { throw mismatch("the model does not take inputs of its input_shape: \(error)") }
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
