import OktaCore

/// A parsed `filter` or `search` expression of `GET /api/v1/users`, and its evaluation.
///
/// Supports the subset okta-connect and its tests use, with Okta's rules per parameter
/// (`okta-api.md` §2): `filter` allows `status`, `lastUpdated`, `id` and four profile fields,
/// only `eq` except `gt/ge/lt/le` on `lastUpdated`, with case-sensitive values; `search` also
/// allows `pr`, `sw`, `co` and any profile attribute, with case-insensitive values. Both accept
/// `and`, `or` and parentheses.
indirect enum UserQuery: Sendable {
    case all([UserQuery])
    case any([UserQuery])
    case compare(attribute: String, op: Operator, value: String)
    /// A comparison on a date attribute, its value parsed once (whole epoch seconds).
    case compareTime(attribute: String, op: Operator, seconds: Int64)
    case present(attribute: String)

    enum Operator: String, Sendable {
        case eq, sw, co, gt, ge, lt, le
    }

    enum Mode: Sendable {
        case filter, search
    }

    /// Why an expression was rejected; becomes a 400 E0000031 answer.
    struct Invalid: Error {
        let reason: String
    }

    static let filterAttributes: Set<String> = [
        "status", "lastUpdated", "id", "profile.login", "profile.email", "profile.firstName",
        "profile.lastName",
    ]
    static let searchTopLevel: Set<String> = [
        "id", "status", "created", "activated", "statusChanged", "lastUpdated", "type.id",
    ]
    static let containsAttributes: Set<String> = [
        "profile.firstName", "profile.lastName", "profile.email", "profile.login",
    ]
    static let dateAttributes: Set<String> = [
        "created", "activated", "statusChanged", "lastUpdated", "lastLogin", "passwordChanged",
    ]

    // MARK: Parsing

    static func parse(_ text: String, mode: Mode) throws(Invalid) -> UserQuery {
        var parser = Parser(tokens: try tokenize(text), mode: mode)
        let query = try parser.expression()
        guard parser.position == parser.tokens.count else {
            throw Invalid(reason: "unexpected text after the expression")
        }
        return query
    }

    private enum Token: Equatable {
        case word(String)
        case quoted(String)
        case open, close
    }

    private static func tokenize(_ text: String) throws(Invalid) -> [Token] {
        var tokens: [Token] = []
        var characters = text.makeIterator()
        var pending: Character? = characters.next()
        while let character = pending {
            pending = characters.next()
            if character.isWhitespace { continue }
            if character == "(" { tokens.append(.open); continue }
            if character == ")" { tokens.append(.close); continue }
            if character == "\"" {
                var value = ""
                var closed = false
                while let next = pending {
                    pending = characters.next()
                    if next == "\\", let escaped = pending {
                        value.append(escaped)
                        pending = characters.next()
                    } else if next == "\"" {
                        closed = true
                        break
                    } else {
                        value.append(next)
                    }
                }
                guard closed else { throw Invalid(reason: "a quoted value is not closed") }
                tokens.append(.quoted(value))
                continue
            }
            var word = String(character)
            while let next = pending, !next.isWhitespace, next != "(", next != ")", next != "\"" {
                word.append(next)
                pending = characters.next()
            }
            tokens.append(.word(word))
        }
        guard !tokens.isEmpty else { throw Invalid(reason: "the expression is empty") }
        return tokens
    }

    private struct Parser {
        let tokens: [Token]
        let mode: Mode
        var position = 0

        mutating func expression() throws(Invalid) -> UserQuery {
            var terms = [try conjunction()]
            while keyword("or") { terms.append(try conjunction()) }
            return terms.count == 1 ? terms[0] : .any(terms)
        }

        private mutating func conjunction() throws(Invalid) -> UserQuery {
            var factors = [try factor()]
            while keyword("and") { factors.append(try factor()) }
            return factors.count == 1 ? factors[0] : .all(factors)
        }

        private mutating func factor() throws(Invalid) -> UserQuery {
            if position < tokens.count, tokens[position] == .open {
                position += 1
                let inner = try expression()
                guard position < tokens.count, tokens[position] == .close else {
                    throw Invalid(reason: "a parenthesis is not closed")
                }
                position += 1
                return inner
            }
            guard position < tokens.count, case .word(let attribute) = tokens[position] else {
                throw Invalid(reason: "expected an attribute name")
            }
            position += 1
            try check(attribute: attribute)
            guard position < tokens.count, case .word(let opText) = tokens[position] else {
                throw Invalid(reason: "expected an operator after \(attribute)")
            }
            position += 1
            if opText.lowercased() == "pr" {
                guard mode == .search else { throw Invalid(reason: "filter does not support pr") }
                return .present(attribute: attribute)
            }
            guard let op = Operator(rawValue: opText.lowercased()) else {
                throw Invalid(reason: "unsupported operator \(opText)")
            }
            try check(op: op, attribute: attribute)
            guard position < tokens.count else { throw Invalid(reason: "expected a value") }
            let value: String
            switch tokens[position] {
            case .quoted(let text): value = text
            case .word(let text) where mode == .search: value = text
            default: throw Invalid(reason: "expected a quoted value")
            }
            position += 1
            guard UserQuery.dateAttributes.contains(attribute) else {
                return .compare(attribute: attribute, op: op, value: value)
            }
            guard let date = OktaDate.parse(value) else {
                throw Invalid(reason: "\(attribute) needs an ISO 8601 date")
            }
            return .compareTime(
                attribute: attribute, op: op,
                seconds: Int64(date.timeIntervalSince1970.rounded(.down)))
        }

        private mutating func keyword(_ word: String) -> Bool {
            guard position < tokens.count, case .word(let text) = tokens[position],
                text.lowercased() == word
            else { return false }
            position += 1
            return true
        }

        private func check(attribute: String) throws(Invalid) {
            switch mode {
            case .filter:
                guard UserQuery.filterAttributes.contains(attribute) else {
                    throw Invalid(reason: "filter does not support \(attribute)")
                }
            case .search:
                guard
                    UserQuery.searchTopLevel.contains(attribute)
                        || (attribute.hasPrefix("profile.") && attribute.count > 8)
                else { throw Invalid(reason: "search does not support \(attribute)") }
            }
        }

        private func check(op: Operator, attribute: String) throws(Invalid) {
            switch (mode, op) {
            case (.filter, .eq), (.search, .eq), (.search, .sw): return
            case (.filter, .gt), (.filter, .ge), (.filter, .lt), (.filter, .le):
                guard attribute == "lastUpdated" else {
                    throw Invalid(reason: "filter allows only eq on \(attribute)")
                }
            case (.search, .gt), (.search, .ge), (.search, .lt), (.search, .le): return
            case (.search, .co):
                guard UserQuery.containsAttributes.contains(attribute) else {
                    throw Invalid(reason: "co is not supported on \(attribute)")
                }
            case (.filter, _):
                throw Invalid(reason: "filter does not support \(op.rawValue)")
            }
        }
    }

    // MARK: Evaluation

    /// Whether `user` matches; `caseSensitive` is true for `filter`, false for `search`.
    func matches(_ user: SimulatedUserFacts, caseSensitive: Bool) -> Bool {
        switch self {
        case .all(let parts):
            return parts.allSatisfy { $0.matches(user, caseSensitive: caseSensitive) }
        case .any(let parts):
            return parts.contains { $0.matches(user, caseSensitive: caseSensitive) }
        case .present(let attribute):
            guard let value = user.value(of: attribute) else { return false }
            return value != .null
        case .compareTime(let attribute, let op, let seconds):
            guard let actual = user.time(of: attribute) else { return false }
            return Self.compare(actual, seconds, op)
        case .compare(let attribute, let op, let value):
            guard let actualValue = user.value(of: attribute) else { return false }
            let actualText: String
            switch actualValue {
            case .string(let text): actualText = text
            case .null, .array, .object: return false
            case .bool, .number: actualText = actualValue.displayText
            }
            let left = caseSensitive ? actualText : actualText.lowercased()
            let right = caseSensitive ? value : value.lowercased()
            switch op {
            case .sw: return left.hasPrefix(right)
            case .co: return left.contains(right)
            default: return Self.compare(left, right, op)
            }
        }
    }

    private static func compare<T: Comparable>(_ left: T, _ right: T, _ op: Operator) -> Bool {
        switch op {
        case .eq: return left == right
        case .gt: return left > right
        case .ge: return left >= right
        case .lt: return left < right
        case .le: return left <= right
        case .sw, .co: return false
        }
    }

    /// Base-user indices outside this range cannot match unless their overlay changed them.
    ///
    /// Mutations only move `lastUpdated` forward and keep ids, so a `lastUpdated` bound found
    /// by binary search, or an `id`/`login` lookup, narrows the scan; overlay users are always
    /// checked separately.
    func baseCandidates(_ generator: SimulatedUserGenerator, caseSensitive: Bool) -> Range<Int> {
        let everything = 0..<generator.baseCount
        switch self {
        case .all(let parts):
            return parts.reduce(everything) { range, part in
                let other = part.baseCandidates(generator, caseSensitive: caseSensitive)
                let lower = max(range.lowerBound, other.lowerBound)
                return lower..<max(lower, min(range.upperBound, other.upperBound))
            }
        case .any(let parts):
            let ranges = parts.map { $0.baseCandidates(generator, caseSensitive: caseSensitive) }
                .filter { !$0.isEmpty }
            guard let lower = ranges.map(\.lowerBound).min(),
                let upper = ranges.map(\.upperBound).max()
            else { return 0..<0 }
            return lower..<upper
        case .present: return everything
        case .compareTime(let attribute, let op, let bound):
            guard attribute == "lastUpdated" else { return everything }
            switch op {
            case .gt: return generator.firstBaseIndex { $0 > bound }..<generator.baseCount
            case .ge: return generator.firstBaseIndex { $0 >= bound }..<generator.baseCount
            case .lt: return 0..<generator.firstBaseIndex { $0 >= bound }
            case .le: return 0..<generator.firstBaseIndex { $0 > bound }
            default: return everything
            }
        case .compare(let attribute, let op, let value):
            guard op == .eq else { return everything }
            if attribute == "id" {
                guard let index = generator.index(ofID: value), index < generator.baseCount
                else { return 0..<0 }
                return index..<(index + 1)
            }
            if attribute == "profile.login" {
                guard let index = generator.index(ofLogin: value, caseSensitive: caseSensitive),
                    index < generator.baseCount
                else { return 0..<0 }
                return index..<(index + 1)
            }
            return everything
        }
    }
}
