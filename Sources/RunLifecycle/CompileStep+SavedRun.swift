import ExperimentCompiler

extension CompileStep {
    /// A run folder's `resolved.json`, compiled back with `compiler`: what `evaluate`, `predict` and `verify`
    /// rebuild the run from. A file that compiles but not back to its own bytes (edited, or written by another
    /// version of runner) is a damaged run folder, status 2 like every damaged file of one (docs/reliability.md).
    public static func savedRun(folder: String, compiler: Compiler) throws(RunnerFailure) -> CompiledExperiment {
        let resolvedPath = folder + "/resolved.json"
        let resolved = try read(resolvedPath)
        let compiled = try compile(resolved, source: resolvedPath, overrides: [], compiler: compiler)
        guard Array(compiled.experiment.resolvedJSONText.utf8) == resolved else {
            throw .located("\(resolvedPath): error: does not compile back to the same experiment (was it edited, or written "
                + "by another version of runner?); the run folder is damaged: run the experiment again with --force to rewrite it")
        }
        return compiled
    }
}
