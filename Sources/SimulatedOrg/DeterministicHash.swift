/// Stateless, seedable hashing that turns `(seed, user index, attribute)` into pseudo-random bits.
///
/// The simulated org never stores its base users: every attribute of user `i` is recomputed from
/// these hashes whenever it is needed, so the same seed always yields the same org and memory
/// stays flat however many users the org has.
struct DeterministicHash: Sendable {
    let seed: UInt64

    /// SplitMix64's finaliser: a bijection on 64-bit values with good avalanche behaviour.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 64 pseudo-random bits for attribute `salt` of item `index`.
    func bits(_ index: Int, _ salt: UInt64) -> UInt64 {
        Self.mix(seed ^ Self.mix(UInt64(bitPattern: Int64(index)) &* 0x2545_F491_4F6C_DD1D &+ salt))
    }

    /// A uniform value in `0..<1` for attribute `salt` of item `index`.
    func unit(_ index: Int, _ salt: UInt64) -> Double {
        Double(bits(index, salt) >> 11) / Double(1 << 53)
    }

    /// A uniform integer in `0..<bound` for attribute `salt` of item `index`.
    func below(_ bound: Int, _ index: Int, _ salt: UInt64) -> Int {
        Int(bits(index, salt) % UInt64(max(bound, 1)))
    }

    /// Picks one element of `choices` for attribute `salt` of item `index`.
    func pick<T>(_ choices: [T], _ index: Int, _ salt: UInt64) -> T {
        choices[below(choices.count, index, salt)]
    }

    /// Alphanumeric characters in ASCII order, so that fixed-width encodings sort like numbers.
    static let alphabet: [Character] = Array(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// `count` alphanumeric characters derived from `value` (and more hashing when it runs out).
    static func alphanumerics(_ value: UInt64, count: Int) -> String {
        var text = ""
        var state = value
        for position in 0..<count {
            if position > 0, position % 10 == 0 { state = mix(state) }
            text.append(alphabet[Int(state % 62)])
            state /= 62
        }
        return text
    }

    /// `value` in base 62, left-padded to `width`; lexicographic order equals numeric order.
    static func base62(_ value: Int, width: Int) -> String {
        var digits = [Character](repeating: "0", count: width)
        var rest = value
        for position in stride(from: width - 1, through: 0, by: -1) {
            digits[position] = alphabet[rest % 62]
            rest /= 62
        }
        return String(digits)
    }

    /// Decodes `base62(_:width:)`; nil when a character is not alphanumeric.
    static func decodeBase62<S: StringProtocol>(_ text: S) -> Int? {
        var value = 0
        for character in text {
            guard let digit = alphabet.firstIndex(of: character) else { return nil }
            value = value * 62 + digit
        }
        return value
    }

    /// 32 lowercase hex digits, the current format of `X-Okta-Request-Id`.
    static func hex32(_ high: UInt64, _ low: UInt64) -> String {
        func hex16(_ value: UInt64) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return hex16(high) + hex16(low)
    }
}
