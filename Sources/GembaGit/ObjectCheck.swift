/// Result of `Repository.checkAllObjects()`.
public struct ObjectCheck: Sendable, Equatable {
    /// Number of distinct objects found in the object database (readable or not).
    public var objectCount: Int
    /// One line per object that could not be read or failed hash verification.
    public var problems: [String]

    public init(objectCount: Int, problems: [String]) {
        self.objectCount = objectCount
        self.problems = problems
    }
}
