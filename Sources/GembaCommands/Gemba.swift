import ArgumentParser
import Foundation
import GembaKit
import Logging

/// The `gemba` command: parses, calls the register's services, prints. No business rules here.
public struct Gemba: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gemba",
        abstract: "Controlled documents, review cycles and e-signatures for a manufacturing plant.",
        version: GembaVersion.current,
        subcommands: [
            InitCommand.self, DemoCommand.self, SynthCommand.self, UserCommand.self, DocCommand.self, ReviewCommand.self,
            StatusCommand.self, TrailCommand.self, VerifyCommand.self, RepairCommand.self,
            AuditCommand.self, CAPACommand.self, TrainingCommand.self, CertCommand.self, BundleCommand.self, BoardCommand.self, BriefingCommand.self,
            MeetingCommand.self, ActionsCommand.self, ActionCommand.self,
            DataCommand.self, KPICommand.self, RequestCommand.self, OnboardingCommand.self, ScheduleCommand.self, NoticesCommand.self,
            ServeCommand.self, TokenCommand.self,
        ])

    public init() {}

    /// Runs the command line and exits: 0 on success, 1 for "found something" answers such as
    /// `review overdue`, 2 for errors (one line on standard error), 64 for usage errors.
    public static func runAndExit(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            // GEMBA_LOG_LEVEL=debug shows every ref move; the default keeps the output clean.
            handler.logLevel = ProcessInfo.processInfo.environment["GEMBA_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
            return handler
        }
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(withError: error)
        }
        do {
            if var server = command as? any AsyncParsableCommand {
                try await server.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch let error as GembaError {
            fail(error.message)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch let error as CocoaError {
            // A file that cannot be read or written still gets one line and status 2.
            fail(error.localizedDescription)
        } catch let error as POSIXError {
            fail(error.localizedDescription)
        } catch {
            // Help, version and validation errors: ArgumentParser prints and exits itself.
            exit(withError: error)
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("gemba: \(message)\n".utf8))
        Foundation.exit(2)
    }
}
