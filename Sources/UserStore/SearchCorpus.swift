import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every user's search text (the folded name, login and email that `users_text` holds) in
/// memory, in row-id order, for substring filters that SQLite answers too slowly at a million
/// users: a one- or two-character filter makes SQLite run `instr` on every row (0.2–0.4 s),
/// and a three-character filter matching most users reads long trigram doclists (up to 0.5 s).
/// A byte scan of the 48 MB of text finds the same rows in 4–25 ms.
///
/// The text is kept in segments of `segmentSize` consecutive row ids, so it is read from the
/// store in small pieces and a row id finds its segment by division. Each segment is one byte
/// buffer with the offsets where its records start; a row id without a row has an empty record.
struct SearchCorpus {
    static let segmentSize: Int64 = 4_096

    struct Segment {
        /// The records' bytes, back to back.
        var bytes: [UInt8] = []
        /// Where record `i` starts in `bytes`; one more entry than records (the end).
        var starts: [UInt32] = [0]

        var recordCount: Int { starts.count - 1 }
    }

    private(set) var segments: [Segment] = []
    /// How often each byte value occurs in all the text, to anchor a scan on the rarest byte
    /// of the filter.
    private var byteCounts = [Int](repeating: 0, count: 256)

    var byteCount: Int { segments.reduce(0) { $0 + $1.bytes.count } }

    /// Appends the next segment, built by `fill`: it is handed an `append(rid, bytes)` to call
    /// in ascending row-id order for row ids in the segment's range.
    mutating func appendSegment(
        _ fill: ((_ rid: Int64, _ bytes: UnsafeRawBufferPointer) -> Void) throws -> Void
    ) rethrows {
        let first = Int64(segments.count) * Self.segmentSize
        var segment = Segment()
        segment.starts.reserveCapacity(Int(Self.segmentSize) + 1)
        try fill { rid, bytes in
            let index = rid - first
            precondition(
                index >= Int64(segment.recordCount) && index < Self.segmentSize,
                "corpus rows must come in ascending order within their segment")
            // Row ids without a row (gaps) get empty records.
            while Int64(segment.recordCount) < index {
                segment.starts.append(UInt32(segment.bytes.count))
            }
            segment.bytes.append(contentsOf: bytes)
            segment.starts.append(UInt32(segment.bytes.count))
        }
        // A copy through a buffer pointer is allocated for the count, not the grown capacity
        // (`Array(array)` would share the same storage, slack included).
        segment.bytes = segment.bytes.withUnsafeBufferPointer { Array($0) }
        byteCounts.withUnsafeMutableBufferPointer { counts in
            for byte in segment.bytes { counts[Int(byte)] += 1 }
        }
        segments.append(segment)
    }

    /// The row ids whose text contains `needle` (bytes compared exactly, like SQLite's
    /// `instr`). With `candidates`, only those row ids are tested: a text typed on from an
    /// earlier one can only match where the earlier one did.
    func rows(containing needle: [UInt8], among candidates: RowBits? = nil) -> RowBits {
        var found = RowBits(maxRid: Int64(segments.count) * Self.segmentSize)
        guard !needle.isEmpty else { return found }
        // Anchor on the rarest byte of the needle: memchr skips to it, so a scan does work in
        // proportion to that byte's occurrences rather than to the text's length.
        var anchor = 0
        for index in needle.indices
        where byteCounts[Int(needle[index])] < byteCounts[Int(needle[anchor])] {
            anchor = index
        }
        needle.withUnsafeBufferPointer { needle in
            if let candidates {
                candidates.forEach { rid in
                    if record(rid, contains: needle, anchor: anchor) { found.insert(rid) }
                }
            } else {
                for (index, segment) in segments.enumerated() {
                    Self.scan(
                        segment, for: needle, anchor: anchor,
                        firstRid: Int64(index) * Self.segmentSize, into: &found)
                }
            }
        }
        return found
    }

    /// Whether row `rid`'s text contains `needle`.
    private func record(_ rid: Int64, contains needle: UnsafeBufferPointer<UInt8>, anchor: Int)
        -> Bool
    {
        let segmentIndex = Int(rid / Self.segmentSize)
        guard rid >= 0, segmentIndex < segments.count else { return false }
        let segment = segments[segmentIndex]
        let local = Int(rid % Self.segmentSize)
        guard local < segment.recordCount else { return false }
        let start = Int(segment.starts[local])
        let end = Int(segment.starts[local + 1])
        return segment.bytes.withUnsafeBytes { bytes in
            Self.firstMatch(in: bytes.baseAddress!, from: start, to: end, needle, anchor) != nil
        }
    }

    /// Finds every record of `segment` containing `needle` by jumping from one occurrence of
    /// the anchor byte to the next; after a match it continues at the next record.
    private static func scan(
        _ segment: Segment, for needle: UnsafeBufferPointer<UInt8>, anchor: Int, firstRid: Int64,
        into found: inout RowBits
    ) {
        let records = segment.recordCount
        guard records > 0, !segment.bytes.isEmpty else { return }
        segment.bytes.withUnsafeBytes { bytes in
            segment.starts.withUnsafeBufferPointer { starts in
                let base = bytes.baseAddress!
                let total = bytes.count
                var from = 0
                var record = 0
                while let offset = firstMatch(in: base, from: from, to: total, needle, anchor) {
                    // The record holding `offset`: the last one starting at or before it,
                    // found by galloping forward from the current one (matches come in order).
                    var step = 1
                    while record + step < records, Int(starts[record + step]) <= offset {
                        record += step
                        step <<= 1
                    }
                    while step > 1 {
                        step >>= 1
                        if record + step < records, Int(starts[record + step]) <= offset {
                            record += step
                        }
                    }
                    let end = Int(starts[record + 1])
                    if offset + needle.count <= end {
                        found.insert(firstRid + Int64(record))
                        record += 1
                        if record >= records { return }
                        from = end
                    } else {
                        // The occurrence runs into the next record: not a match of either.
                        from = offset + 1
                    }
                }
            }
        }
    }

    /// The offset of the first occurrence of `needle` starting in `from ..< to` and ending by
    /// `to`, or nil.
    private static func firstMatch(
        in base: UnsafeRawPointer, from: Int, to end: Int, _ needle: UnsafeBufferPointer<UInt8>,
        _ anchor: Int
    ) -> Int? {
        let length = needle.count
        let anchorByte = Int32(needle[anchor])
        var position = from + anchor
        let last = end - length + anchor  // the anchor's last possible position
        while position <= last {
            guard let hit = memchr(base + position, anchorByte, last - position + 1) else {
                return nil
            }
            let at = UnsafeRawPointer(hit) - base
            let start = at - anchor
            if length == 1 || memcmp(base + start, needle.baseAddress!, length) == 0 {
                return start
            }
            position = at + 1
        }
        return nil
    }
}
