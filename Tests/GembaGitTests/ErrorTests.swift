import Foundation
import Testing
@testable import GembaGit

@Suite struct ErrorTests {
    @Test func openingANonRepositoryCarriesLibgit2Message() throws {
        try withTemporaryDirectory { directory in
            let error = gitError { _ = try Repository.open(at: directory) }
            #expect(error?.isNotFound == true)
            #expect(error?.message.contains("could not find repository") == true, "\(String(describing: error))")
            #expect(error?.errorClass == 6) // GIT_ERROR_REPOSITORY
            #expect(error?.operation == "open repository at \(directory.standardizedFileURL.path)")
            #expect(error?.description == "git: \(error?.operation ?? ""): \(error?.message ?? "")")

            let nowhere = directory.appendingPathComponent("does/not/exist")
            #expect(gitError { _ = try Repository.open(at: nowhere) } != nil)
        }
    }

    @Test func createTwiceFailsAndOpenFindsTheRepository() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("nested/register.git")
            let created = try Repository.createBare(at: url)
            let blobID = try created.writeBlob(Data("kept".utf8))
            let again = gitError { _ = try Repository.createBare(at: url) }
            #expect(again?.isAlreadyExists == true)
            let reopened = try Repository.open(at: url)
            #expect(reopened.path == url.standardizedFileURL)
            #expect(try reopened.blob(blobID) == Data("kept".utf8))
        }
    }

    @Test func errorProperties() {
        let error = GitError(code: GitError.Code.locked, errorClass: 4, message: "failed to lock file", operation: "update refs/heads/main")
        #expect(error.isLocked && !error.isModified && !error.isNotFound && !error.isAlreadyExists)
        #expect(error.description == "git: update refs/heads/main: failed to lock file")
        #expect(GitError.Code.modified == -15)
        #expect(GitError.Code.exists == -4)
        #expect(GitError.Code.notFound == -3)
        #expect(GitError.Code.locked == -14)
    }
}
