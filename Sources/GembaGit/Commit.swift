/// A commit object, copied out of libgit2.
public struct Commit: Sendable, Equatable {
    public let id: ObjectID
    public let tree: ObjectID
    public let parents: [ObjectID]
    public let author: GitPerson
    public let committer: GitPerson
    /// The raw message exactly as stored.
    public let message: String

    public init(id: ObjectID, tree: ObjectID, parents: [ObjectID], author: GitPerson, committer: GitPerson, message: String) {
        self.id = id
        self.tree = tree
        self.parents = parents
        self.author = author
        self.committer = committer
        self.message = message
    }
}
