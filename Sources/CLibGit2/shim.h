#ifndef GEMBA_CLIBGIT2_SHIM_H
#define GEMBA_CLIBGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
/* zlib (which libgit2 links, and libgit2-dev brings): GembaGit writes pack files itself. */
#include <zlib.h>

/*
 * git_libgit2_opts is variadic and therefore not callable from Swift.
 * These helpers expose the few options Gemba sets. Each returns
 * git_libgit2_opts' result (0 on success, negative on error).
 */

/* Fsync every file written under the git directory (objects, refs, index). */
static inline int gemba_git_enable_fsync_gitdir(int enabled)
{
    return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled);
}

/* Verify the hash of every object read from the object database. */
static inline int gemba_git_enable_strict_hash_verification(int enabled)
{
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

/* Validate that objects referenced by new objects/refs exist and have the right type. */
static inline int gemba_git_enable_strict_object_creation(int enabled)
{
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled);
}

/* Validate the target of new symbolic references. */
static inline int gemba_git_enable_strict_symbolic_ref_creation(int enabled)
{
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_SYMBOLIC_REF_CREATION, enabled);
}

/*
 * The largest object of a type that libgit2 keeps in a repository's object cache once read
 * (libgit2's default is 4 KiB for commits, trees and tags, so a large tree is read, inflated
 * and hashed again on every look-up).
 */
static inline int gemba_git_set_cache_object_limit(git_object_t type, size_t bytes)
{
    return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, bytes);
}

/* The most memory each object cache may hold (libgit2's default is 256 MiB). */
static inline int gemba_git_set_cache_max_size(ssize_t bytes)
{
    return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes);
}

#endif /* GEMBA_CLIBGIT2_SHIM_H */
