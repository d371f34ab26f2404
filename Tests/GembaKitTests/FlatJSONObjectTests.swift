import Foundation
import GRDB
import Testing
@testable import GembaKit

/// The changes an audit-trail entry shows are read from its stored values by bytes when they are
/// flat (strings, integers, nulls), else by Foundation; both must show the same.
@Suite struct FlatJSONObjectTests {
    @Test func flatValuesReadAsFoundationReadsThem() {
        let texts = [
            "", "SOP-0001", "Prüfung – ok", "say \"hi\"", "back\\slash", "a/b", "tab\there", "line\nbreak", "cr\rlf", "nul\u{0}byte",
            "\u{1}\u{1f}", "e\u{301}", "😀", "{\"nested\": 1}", "null", "-12", "日本語",
        ]
        var generator = SynthRandom(seed: 1105)
        for round in 0..<2_000 {
            var names: [String] = []
            var values: [DatabaseValue] = []
            for column in 0..<Int.random(in: 0...8, using: &generator) {
                names.append(column % 3 == 0 ? "col_\(column)" : (texts.randomElement(using: &generator) ?? "") + "\(column)")
                switch Int.random(in: 0...5, using: &generator) {
                case 0: values.append(.null)
                case 1: values.append(Int64.random(in: -999...999, using: &generator).databaseValue)
                case 2: values.append([Int64.max, Int64.min, 0, -1, 999_999_999_999_999_999, 1 << 53 + 1].randomElement(using: &generator)!.databaseValue)
                case 3: values.append(Double.random(in: -1e6...1e6, using: &generator).databaseValue)
                default: values.append((texts.randomElement(using: &generator) ?? "").databaseValue)
                }
            }
            let json = CanonicalJSON.encode(names: names, values: values)
            let flat = FlatJSONObject.texts(json)
            if let flat { #expect(flat == TrailEntry.foundationObject(json), "\(json)") }
            // Rows without a fraction or a number past 18 digits are read by bytes
            let plain = values.allSatisfy {
                switch $0.storage {
                case .double: false
                case .int64(let number): number.magnitude < 1_000_000_000_000_000_000
                default: true
                }
            }
            if plain { #expect(flat != nil, "round \(round): \(json)") }
        }
    }

    @Test func anythingElseIsLeftToFoundation() {
        let left = [
            "", "[]", "{", "{\"a\":1", "{\"a\":1}x", "{\"a\":true}", "{\"a\":false}", "{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":-0}", "{\"a\":01}",
            "{\"a\":{\"b\":1}}", "{\"a\":[1]}", "{\"a\":1,\"a\":2}", "{\"a\":\"\\ud83d\\ude00\"}", "{\"a\":\"\\x\"}", "{\"a\":\"raw\ncontrol\"}",
            "{\"a\":1234567890123456789}", "{a:1}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u+123\"}",
        ]
        for json in left { #expect(FlatJSONObject.texts(json) == nil, "\(json)") }
        let read = [
            "{}", " { } ", "{ \"a\" : 1 , \"b\" : null }", "{\"a\":\"\\u00e9\\/\\b\\f\\n\\r\\t\\\"\\\\\"}", "{\"a\":-7,\"b\":0}", "{\"\":\"\"}",
            "{\"a\":\"\\u0000\"}", "{\"k\":123456789012345678}",
        ]
        for json in read {
            let flat = FlatJSONObject.texts(json)
            #expect(flat != nil, "\(json)")
            #expect(flat == TrailEntry.foundationObject(json), "\(json)")
        }
        #expect(FlatJSONObject.texts("{\"status\":\"open\",\"n\":2,\"x\":null}") == ["status": "open", "n": "2", "x": "null"])
    }
}
