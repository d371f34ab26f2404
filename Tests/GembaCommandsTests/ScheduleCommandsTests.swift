import Foundation
import GembaKit
import Testing

/// `gemba schedule ...` and `gemba notices ...` end to end.
@Suite struct ScheduleCommandsTests {
    /// Notices to a webhook on a port nothing listens on, so delivery fails at once.
    static let policy = """
        time_zone: Europe/Berlin
        delivery:
          timeout_seconds: 2
          retry_minutes: [10]
        groups:
          line2:
            name: Line 2 leads
            kinds: [maintenance_shutdown, production_change, expedite]
            lines: [L2]
            ask: ["Line 2 office"]
            webhook: http://127.0.0.1:9/hook
        """

    @Test func anEventIsPlannedChangedCheckedPublishedAndCancelledOnTheCommandLine() throws {
        try Sandbox.with { s in
            try s.write("policies/notifications.yaml", ScheduleCommandsTests.policy)
            try s.setUpPlant()
            let year = utcDay().prefix(4)
            #expect(try s.gemba("user", "areas", "bob", "--set", "L2", "--as", "ada").succeeded)

            // Given a shutdown of L2 planned by carol (approver: schedule.manage), in UTC
            let added = try s.gemba("schedule", "add", "--kind", "maintenance_shutdown", "--title", "Stacker overhaul", "--line", "L2",
                                    "--start", "2027-01-07T06:00:00Z", "--end", "2027-01-08T14:00:00Z", "--as", "carol")
            #expect(added.stdout == "EV-\(year)-0001\n", "\(added)")
            let refused = try s.gemba("schedule", "add", "--kind", "expedite", "--title", "Rush", "--line", "L2", "--start", "2027-01-07T06:00:00Z",
                                      "--end", "2027-01-07T08:00:00Z", "--as", "alice")
            #expect(expectOneLineError(refused).hasPrefix("alice may not plan schedule events"))

            // When production is planned on the same line in local time, then the conflict says by how much, and exits 1
            #expect(try s.gemba("schedule", "add", "--kind", "production_change", "--title", "Sample lot", "--line", "L2",
                                "--start", "2027-01-08 13:00", "--end", "2027-01-08 18:00", "--as", "carol").succeeded)
            #expect(try s.gemba("schedule", "add", "--kind", "training_event", "--title", "Pull tester", "--line", "QA", "--participant", "bob",
                                "--start", "2027-01-07T09:00:00Z", "--end", "2027-01-07T10:00:00Z", "--as", "carol").succeeded)
            let conflicts = try s.gemba("schedule", "conflicts", "--from", "2027-01-01")
            #expect(conflicts.status == 1, "\(conflicts)")
            #expect(conflicts.stdout.contains("production_during_shutdown: production change EV-\(year)-0002 (Sample lot) runs while L2 is down"))
            #expect(conflicts.stdout.contains("overlap 2 h, 2027-01-08T12:00:00Z to 2027-01-08T14:00:00Z"))
            #expect(conflicts.stdout.contains("training_during_shutdown") && conflicts.stdout.hasSuffix("2 conflict(s)\n"))

            // When the shutdown is shortened with a reason, the conflict is gone and the history keeps old and new
            #expect(try s.gemba("schedule", "update", "EV-\(year)-0001", "--end", "2027-01-08T12:00:00Z", "--as", "carol").status == 64)
            let updated = try s.gemba("schedule", "update", "EV-\(year)-0001", "--end", "2027-01-08T12:00:00Z", "--reason", "Parts early", "--as", "carol")
            #expect(updated.stdout.hasPrefix("EV-\(year)-0001 changed (sequence 1): planned"), "\(updated)")
            let conflictsNow = try decodeJSON([ScheduleConflict].self, try s.gemba("schedule", "conflicts", "--from", "2027-01-01", "--json").exitZeroForDecoding)
            #expect(conflictsNow.map(\.rule) == [.trainingDuringShutdown])
            let detail = try decodeJSON(ScheduleEventDetail.self, try s.gemba("schedule", "show", "EV-\(year)-0001", "--json"))
            #expect(detail.history.last?.oldValue == "2027-01-08T14:00:00Z" && detail.history.last?.reason == "Parts early")
            #expect(detail.notices.map(\.change) == [.added, .updated])

            // The views and the feed show it; a cancellation is published as cancelled
            #expect(try s.gemba("schedule", "week", "--date", "2027-01-07", "--line", "L2").stdout.contains("Fri 2027-01-08\n     ..-13:00  EV-\(year)-0001"))
            #expect(try s.gemba("schedule", "month", "--date", "2027-01-20").stdout.contains("L2     .  .  .  .  .  .  S  *"))
            let list = try decodeJSON([ScheduleEventView].self, try s.gemba("schedule", "list", "--line", "L2", "--json"))
            #expect(list.map(\.title) == ["Stacker overhaul", "Sample lot"])
            #expect(try s.gemba("schedule", "cancel", "EV-\(year)-0002", "--reason", "Customer took stock", "--as", "carol").succeeded)
            #expect(try s.gemba("schedule", "ics", "--line", "L2", "--out", "l2.ics").stdout.hasSuffix("Wrote 2 event(s) to \(s.folder.appendingPathComponent("l2.ics").path)\n"))
            let feed = try String(contentsOf: s.folder.appendingPathComponent("l2.ics"), encoding: .utf8)
            #expect(feed.contains("UID:EV-\(year)-0002@") && feed.contains("SEQUENCE:1\r\nSTATUS:CANCELLED"))
            #expect(try s.gemba("verify").succeeded)
        }
    }

    @Test func noticesThatCannotBeDeliveredStayInTheOutboxForRetry() throws {
        try Sandbox.with { s in
            try s.write("policies/notifications.yaml", ScheduleCommandsTests.policy)
            try s.setUpPlant()
            #expect(try s.gemba("schedule", "add", "--kind", "expedite", "--title", "Rush order", "--line", "L2", "--start", "2027-01-07T06:00:00Z",
                                "--end", "2027-01-07T18:00:00Z", "--as", "carol").succeeded)
            let pending = try decodeJSON([NoticeView].self, try s.gemba("notices", "--pending", "--json"))
            #expect(pending.map(\.change) == [.expedite] && pending.first?.ask == "Carol Approver (carol, owner); Line 2 office")
            let delivered = try s.gemba("notices", "deliver", "--as", "carol")
            #expect(delivered.status == 1 && delivered.stdout.contains("webhook http://127.0.0.1:9/hook: failed"), "\(delivered)")
            #expect(delivered.stdout.hasSuffix("Delivered 0, failed and waiting for a retry 1, not yet due 0\n"))
            let again = try s.gemba("notices", "deliver")
            #expect(again.succeeded && again.stdout == "Delivered 0, failed and waiting for a retry 0, not yet due 1\n", "\(again)")
            let listed = try s.gemba("notices", "list", "--pending")
            #expect(listed.stdout.contains("expedite  line2  pending  1"), "\(listed)")
            #expect(try s.trail().contains { $0.action == "notice.attempt" && $0.actor == "carol" })
        }
    }

    @Test func mailOverTLSIsAcceptedAtInitButAPasswordInThePolicyIsNot() throws {
        let smtp = "\nsmtp:\n  host: mail.plant.test\n  from: gemba@plant.test\n  tls: starttls\n  ca_file: /etc/gemba/plant-ca.pem\n  username: gemba\n"
        try Sandbox.with { s in
            try s.write("policies/notifications.yaml", ScheduleCommandsTests.policy + smtp + "  password: hunter2\n")
            let refused = try s.run(["init", "--register", s.register.path, "--policies", s.policies.path])
            #expect(expectOneLineError(refused).contains("notifications.yaml:18: a password never goes into the policy file (it is in git)"))
            #expect(!refused.stderr.contains("hunter2"))
            try s.write("policies/notifications.yaml", ScheduleCommandsTests.policy + smtp + "  password_env: GEMBA_SMTP_PASSWORD\n")
            let created = try s.run(["init", "--register", s.register.path, "--policies", s.policies.path])
            #expect(created.succeeded, "\(created)")
        }
    }
}

extension Outcome {
    /// `schedule conflicts` exits 1 when it finds conflicts; its JSON is still the answer.
    var exitZeroForDecoding: Outcome {
        status == 1 ? Outcome(command: command, status: 0, killed: killed, stdout: stdout, stderr: stderr) : self
    }
}
