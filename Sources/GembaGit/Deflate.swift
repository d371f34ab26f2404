internal import CLibGit2

/// A deflate stream written through the zlib that libgit2 links, in one of two framings:
/// - `.zip`: raw deflate (RFC 1951, no header), as a ZIP entry holds it, with the settings
///   ZIPFoundation uses (a 15-bit window, memory level 9), so at ZIPFoundation's level (zlib's
///   default, -1) the bytes are ZIPFoundation's;
/// - `.zlib`: a zlib stream (RFC 1950), as git stores an object, with `compress2`'s settings.
/// Feed a stream its bytes in order, the last piece with `finish`; `reset()` starts the next
/// stream with the same settings, without setting up zlib's quarter megabyte of state again.
public final class Deflater {
    public enum Framing: Sendable { case zip, zlib }

    private var stream = z_stream()
    private var output = [UInt8](repeating: 0, count: 64 * 1024)

    /// `level`: zlib's, 0 (stored) to 9 (smallest); -1 is zlib's default (6).
    public init(level: Int32 = -1, framing: Framing = .zip) throws {
        let (windowBits, memoryLevel): (Int32, Int32) = framing == .zip ? (-MAX_WBITS, 9) : (MAX_WBITS, 8)
        let result = deflateInit2_(&stream, level, Z_DEFLATED, windowBits, memoryLevel, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard result == Z_OK else { throw GitError.local(GIT_ERROR, GIT_ERROR_ZLIB, "zlib could not start a deflate stream (\(result))", operation: "deflate") }
    }

    deinit {
        deflateEnd(&stream)
    }

    /// Starts a new stream after a finished one.
    public func reset() throws {
        let result = deflateReset(&stream)
        guard result == Z_OK else { throw GitError.local(GIT_ERROR, GIT_ERROR_ZLIB, "zlib could not reset a deflate stream (\(result))", operation: "deflate") }
    }

    /// Compresses `input` and hands the compressed bytes produced so far to `consumer` (in
    /// pieces of at most 64 KiB); with `finish`, the rest of the stream too.
    public func compress(_ input: UnsafeRawBufferPointer, finish: Bool, _ consumer: (UnsafeRawBufferPointer) throws -> Void) throws {
        var empty: UInt8 = 0
        try withUnsafeMutablePointer(to: &empty) { nothing in
            stream.next_in = input.count > 0 ? UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: UInt8.self)) : nothing
            stream.avail_in = UInt32(input.count)
            let flush = finish ? Z_FINISH : Z_NO_FLUSH
            let capacity = output.count
            try output.withUnsafeMutableBytes { buffer in
                repeat {
                    stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
                    stream.avail_out = UInt32(capacity)
                    let result = deflate(&stream, flush)
                    guard result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR else {
                        throw GitError.local(GIT_ERROR, GIT_ERROR_ZLIB, "zlib could not compress (\(result))", operation: "deflate")
                    }
                    let produced = capacity - Int(stream.avail_out)
                    if produced > 0 { try consumer(UnsafeRawBufferPointer(rebasing: buffer[0..<produced])) }
                    // zlib stops when it runs out of output room; with room left it has taken all the input.
                } while stream.avail_out == 0
            }
            stream.next_in = nil
        }
    }

    /// The CRC-32 a ZIP entry records (zlib's, which is table-driven in C, several bytes at a time).
    public static func crc32(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return crc }
        return UInt32(CLibGit2.crc32(uLong(crc), base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
    }
}
