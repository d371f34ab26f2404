import Foundation

// The fuzzer runs until its time or run limit, then exits with its status.
exit(runFuzzer())
