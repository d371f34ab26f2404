import Foundation

/// One moment of the synthetic history: what happens, to which document, person, audit or CAPA, when.
struct SynthEvent {
    enum Kind: UInt8 {
        case create, revise, reviewStart, sign, periodicStart, obsoleteStart, trainingSign, passwordChange
        /// The next step of an audit or a CAPA (`document` is its index), and one production-data
        /// import (`document` is the week and kind).
        case auditStep, capaStep, dataImport
        /// The last hour: the final document's release, whose tree holds every effective document.
        case finish
    }

    let time: Int64
    /// Scheduling order: breaks ties, so equal times run in a repeatable order.
    let order: Int64
    let kind: Kind
    let document: Int32
    let person: Int32

    func precedes(_ other: SynthEvent) -> Bool { time != other.time ? time < other.time : order < other.order }
}

/// A binary min-heap of events: the history runs in time order while each document schedules
/// its own next step.
struct SynthTimeline {
    private var heap: [SynthEvent] = []
    private var scheduled: Int64 = 0

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }

    mutating func schedule(_ kind: SynthEvent.Kind, at time: Int64, document: Int = -1, person: Int = -1) {
        scheduled += 1
        heap.append(SynthEvent(time: time, order: scheduled, kind: kind, document: Int32(document), person: Int32(person)))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func next() -> SynthEvent? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
                if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}
