import Foundation

BLASKernelChoice.restartWithHaswellKernelsIfNeeded()
// The one policy the executable owns: outcomes become exit statuses (see Runner+Exit.swift).
exit(Runner.exitStatus(arguments: Array(CommandLine.arguments.dropFirst())))
