import RunLifecycle
import Foundation

// A local sweep's child dies with its sweep, however the sweep ends (SweepChild).
SweepChild.dieWithParent()
BLASKernelChoice.restartWithHaswellKernelsIfNeeded()
// Past a file-size limit (`ulimit -f`) a write should fail with EFBIG and be reported, not kill the process.
signal(SIGXFSZ, SIG_IGN)
// The one policy the executable owns: outcomes become exit statuses (see Runner+Exit.swift).
exit(Runner.exitStatus(arguments: Array(CommandLine.arguments.dropFirst()), raw: Runner.rawArguments()))
