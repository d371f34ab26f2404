/// An annotated tag object, copied out of libgit2.
public struct Tag: Sendable, Equatable {
    public let id: ObjectID
    /// The tag name recorded in the object, e.g. "SOP-0007/C".
    public let name: String
    public let target: ObjectID
    public let targetKind: ObjectKind
    public let tagger: GitPerson?
    public let message: String

    public init(id: ObjectID, name: String, target: ObjectID, targetKind: ObjectKind, tagger: GitPerson?, message: String) {
        self.id = id
        self.name = name
        self.target = target
        self.targetKind = targetKind
        self.tagger = tagger
        self.message = message
    }
}
