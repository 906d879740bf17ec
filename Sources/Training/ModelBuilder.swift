import Datasets
import ExperimentCompiler
import NeuralNetwork
import ModelKinds

/// The one place where the compiled experiment meets the engine and the data: it hands the compiled model
/// to the engine and cuts the dataset into training, validation and test sources.
public struct ModelBuilder {
    public let experiment: Experiment

    public init(_ experiment: Experiment) {
        self.experiment = experiment
    }

    /// The IDX dataset the experiment names, located by the documented search order; nil for a CSV dataset.
    public var datasetSource: DatasetSource? {
        switch experiment.data.dataset {
        case .mnist: return DatasetCatalog.mnist
        case .fashionMNIST: return DatasetCatalog.fashionMNIST
        case .idxFolder(let path): return DatasetCatalog.folder(path)
        case .csv: return nil
        }
    }

    /// The experiment's dataset, read from disk: IDX files or CSV, whichever it names.
    public func loadDataset(search: DataSearch = .process()) throws(DatasetError) -> LoadedDataset {
        if let datasetSource { return try LoadedDataset.load(datasetSource, search: search) }
        guard case .csv(let csv) = experiment.data.dataset else { preconditionFailure("no source for \(experiment.data.dataset)") }
        return try Self.csvSource(csv, seed: experiment.seed).load(search: search)
    }

    /// A compiled CSV dataset as the loader's value; `seed` draws a `test_fraction` split.
    public static func csvSource(_ csv: CSVDataset, seed: UInt64) -> CSVDatasetSource {
        let test: CSVDatasetSource.TestSplit = switch csv.test {
        case .file(let path): .file(path)
        case .fraction(let fraction): .fraction(fraction)
        }
        return CSVDatasetSource(path: csv.path, label: csv.label, test: test, seed: seed)
    }

    /// The test split alone, with the preprocessing given (a saved model's): an IDX dataset reads only its test
    /// files; a CSV dataset, whose test rows may come from the training file, is read whole.
    public func testSource(standardization: Standardization?, search: DataSearch = .process()) throws(DatasetError) -> BatchSource {
        var preprocessing = self.preprocessing
        preprocessing.standardization = standardization
        let split = if let datasetSource { try LoadedDataset.loadTestSplit(datasetSource, search: search) }
            else { try loadDataset(search: search).test }
        return split.preprocessed(preprocessing)
    }

    /// Flatten and scale, as declared; standardisation is fitted per run in `sources(_:)`.
    public var preprocessing: Preprocessing {
        let scale = experiment.data.scale
        return Preprocessing(flatten: experiment.data.flatten, scale: scale == 1 ? nil : Float(scale))
    }

    /// Training, validation (when the experiment asks for it) and test sources of `dataset`.
    ///
    /// With `standardize: true` the statistics come from the training source alone, after a validation
    /// split is cut off, and the same preprocessing then serves validation and test.
    public func sources(_ dataset: LoadedDataset) throws(DatasetError)
        -> (train: BatchSource, validation: BatchSource?, test: BatchSource)
    {
        let train: DatasetSplit, validation: DatasetSplit?
        switch experiment.fit.validation {
        case .none, .test:
            (train, validation) = (dataset.train, nil)
        case .split(let fraction):
            let parts = try ValidationSplit.split(dataset.train, fraction: fraction)
            (train, validation) = (parts.train, parts.validation)
        }
        var preprocessing = self.preprocessing
        if experiment.data.standardize {
            preprocessing.standardization = Standardization.fit(train.preprocessed(preprocessing))
        }
        let test = dataset.test.preprocessed(preprocessing)
        let validationSource = experiment.fit.validation == .test ? test : validation?.preprocessed(preprocessing)
        return (train.preprocessed(preprocessing), validationSource, test)
    }

    /// The network alone, initialised from the experiment's seed: what inference starts from (no optimizer state).
    /// The layers are the compiled ones, as they are: compiler and engine share their definitions (ModelKinds).
    public func model(input: TensorShape) throws -> Sequential {
        try Sequential(input: input, layers: experiment.model.layers, seed: experiment.seed)
    }

    /// A model on vectors of `inputWidth` features (a dense model).
    public func model(inputWidth: Int) throws -> Sequential {
        try Sequential(inputWidth: inputWidth, layers: experiment.model.layers, seed: experiment.seed)
    }

    /// The shape the model reads from batches of `source`: an image unless flattened (`Preprocessing.inputShape`).
    public static func inputShape(of source: BatchSource) -> TensorShape {
        TensorShape(sampleShape: source.inputShape)
    }

    /// A trainer that only evaluates and predicts: the network with its batch buffers, the loss and the metrics,
    /// and no optimizer state (a saved model's weights are loaded into it).
    public func evaluator(model: Sequential) throws -> Trainer {
        try Trainer(model: model, loss: experiment.compile.loss, optimizer: nil,
                    metrics: experiment.compile.metrics, batchSize: experiment.fit.batchSize)
    }

    /// The network, initialised from the experiment's seed, and a trainer with its buffers for the batch size
    /// and the experiment's callbacks (early stopping, learning-rate schedule).
    public func trainer(input: TensorShape) throws -> Trainer {
        let model = try model(input: input)
        let spec = experiment.compile
        let optimizer = makeOptimizer(spec.optimizer, parameterCount: model.parameterCount)
        let trainer = try Trainer(model: model, loss: spec.loss, optimizer: optimizer, metrics: spec.metrics, batchSize: experiment.fit.batchSize)
        trainer.earlyStopping = experiment.fit.earlyStopping
        trainer.learningRateSchedule = experiment.fit.learningRateSchedule
        return trainer
    }

    /// `trainer(input:)` on vectors of `inputWidth` features (a dense model).
    public func trainer(inputWidth: Int) throws -> Trainer {
        guard inputWidth >= 1 else { throw NeuralNetworkError.invalidInputWidth(inputWidth) }
        return try trainer(input: .vector(inputWidth))
    }
}
