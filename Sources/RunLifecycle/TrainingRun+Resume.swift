import Datasets
import NeuralNetwork
import RunStore
import Training

/// What a run's checkpoints are tied to: this runner, the run's resolved.json and its data.
struct CheckpointIdentity {
    var resolvedSHA256: String
    var dataDigest: String?

    func checkpoint(of state: FitState) -> Checkpoint {
        Checkpoint(state: state, runnerVersion: RunnerVersion.runner, resolvedSHA256: resolvedSHA256, dataDigest: dataDigest,
                   kernelFamily: BLAS.coreName)
    }
}

extension TrainingRun {
    /// The state of the checkpoint in `folder`, already restored into `trainer`, or nil to train from the
    /// start. A checkpoint that cannot be used (damaged, another runner's, another experiment's or data's,
    /// not fitting the model) is never used silently: one line on stderr says why.
    func resume(folder: String, trainer: Trainer, identity: CheckpointIdentity) -> FitState? {
        let path = folder + "/" + Checkpoint.fileName
        do throws(CheckpointError) {
            guard let checkpoint = try Checkpoint.read(path: path, runnerVersion: RunnerVersion.runner,
                                                       resolvedSHA256: identity.resolvedSHA256, dataDigest: identity.dataDigest)
            else { return nil }
            do { try trainer.restore(checkpoint.state, epochs: compiled.experiment.fit.epochs) } catch {
                throw .doesNotFit(error.description)
            }
            // Another kernel family rounds differently (as `verify` notes): resuming beats training again, but say so.
            if let family = checkpoint.kernelFamily, family != BLAS.coreName {
                StandardError.write("note: \(path) was written with OpenBLAS' \(family) kernels, this machine uses \(BLAS.coreName): "
                    + "the epochs trained from here may differ in their last bits from an uninterrupted run's")
            }
            return checkpoint.state
        } catch {
            StandardError.write("warning: \(path) \(error); training it from the start")
            return nil
        }
    }

    /// `Resuming results/NAME/RUN at epoch 4/10`, or, when every epoch was done (killed while saving the
    /// model, or early stopping had ended it), `after epoch 10/10`.
    static func resuming(_ folder: String, _ state: FitState, epochs: Int) -> String {
        state.epoch < epochs && state.history.stoppedEpoch == nil
            ? "Resuming \(folder) at epoch \(state.epoch + 1)/\(epochs)\n"
            : "Resuming \(folder) after epoch \(state.epoch)/\(epochs), the last to train\n"
    }

    /// A run that completed or diverged keeps no checkpoint; one that cannot be removed is only noted (the
    /// status already says the run is over, so it is never resumed).
    func removeCheckpoint(_ writer: RunWriter) {
        do { try writer.removeCheckpoint() } catch { StandardError.write("warning: \(error)") }
    }
}
