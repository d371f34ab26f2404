/// Why one delivery attempt failed, in one line: it becomes the attempt's recorded detail.
struct DeliveryError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
