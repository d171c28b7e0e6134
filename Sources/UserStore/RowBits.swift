/// A set of row ids, one bit per id, with the number of ids in it.
///
/// At a million users it takes 125 KB and a membership test costs a few nanoseconds, which is
/// what lets a filter's matches be tested from inside SQLite while it walks a sort index
/// (`HitSet`) and lets the in-memory filters (`BrowsingSnapshot`) combine conditions word by
/// word.
struct RowBits {
    private(set) var words: [UInt64]
    /// How many distinct row ids are in the set.
    private(set) var count = 0

    /// An empty set with room for row ids up to `maxRid` (larger ids still fit; they grow it).
    init(maxRid: Int64 = 0) {
        words = Array(repeating: 0, count: Int(max(maxRid, 0) >> 6) + 1)
    }

    /// A set made of `words` (bit `i` of word `w` is row id `64 × w + i`).
    init(words: [UInt64]) {
        self.words = words
        count = words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    mutating func insert(_ rid: Int64) {
        guard rid >= 0 else { return }
        let index = Int(rid >> 6)
        if index >= words.count {
            words.append(contentsOf: repeatElement(0, count: index - words.count + 1))
        }
        let bit = UInt64(1) << UInt64(rid & 63)
        if words[index] & bit == 0 {
            words[index] |= bit
            count += 1
        }
    }

    func contains(_ rid: Int64) -> Bool {
        guard rid >= 0 else { return false }
        let index = Int(rid >> 6)
        return index < words.count && words[index] & (UInt64(1) << UInt64(rid & 63)) != 0
    }

    /// The word holding row ids `64 × index …` (zero past the end).
    func word(_ index: Int) -> UInt64 {
        index < words.count ? words[index] : 0
    }

    /// Calls `body` with every row id in the set, in ascending order.
    func forEach(_ body: (Int64) throws -> Void) rethrows {
        for (index, word) in words.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                let bit = rest.trailingZeroBitCount
                try body(Int64(index) << 6 | Int64(bit))
                rest &= rest - 1
            }
        }
    }
}
