/// The names and attribute values simulated users are drawn from.
///
/// The pools are chosen to exercise what breaks user tools: accented Latin, CJK, right-to-left
/// scripts, very long names, apostrophes, quotes, commas and newlines. Each name carries an ASCII
/// slug used to build a plausible login.
enum NamePool {
    /// One name and the ASCII form used in logins.
    struct Name: Sendable {
        let text: String
        let slug: String
    }

    /// Names that belong together (a Japanese given name goes with a Japanese family name).
    struct Culture: Sendable {
        let weight: Int
        let firstNames: [Name]
        let lastNames: [Name]
        /// Whether a display name puts the family name first (`山田 太郎`).
        let familyNameFirst: Bool
    }

    static let cultures: [Culture] = [
        Culture(
            weight: 46,
            firstNames: names(
                "James", "Mary", "Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Sophia",
                "Lucas", "Mia", "Aiden", "Chloe", "Daniel", "Grace", "Henry", "Isabella", "Jack",
                "Harper", "Samuel"),
            lastNames: names(
                "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
                "Wilson", "Taylor", "Anderson", "Thomas", "Moore", "Martin", "Lee", "Clark")
                + [
                    Name(text: "O'Brien", slug: "obrien"), Name(text: "O'Connor", slug: "oconnor"),
                    Name(text: "Smith, Jr.", slug: "smith"),
                ],
            familyNameFirst: false),
        Culture(
            weight: 16,
            firstNames: [
                Name(text: "José", slug: "jose"), Name(text: "Zoë", slug: "zoe"),
                Name(text: "François", slug: "francois"), Name(text: "Søren", slug: "soren"),
                Name(text: "Łukasz", slug: "lukasz"), Name(text: "Björn", slug: "bjorn"),
                Name(text: "Inès", slug: "ines"), Name(text: "Jürgen", slug: "jurgen"),
                Name(text: "Ángela", slug: "angela"), Name(text: "Renée", slug: "renee"),
                Name(text: "Michaela-Šárka", slug: "michaela"),
            ],
            lastNames: [
                Name(text: "Müller", slug: "muller"), Name(text: "Gómez", slug: "gomez"),
                Name(text: "Dvořák", slug: "dvorak"), Name(text: "Ødegaard", slug: "odegaard"),
                Name(text: "Łukasiewicz", slug: "lukasiewicz"), Name(text: "Núñez", slug: "nunez"),
                Name(text: "Brontë", slug: "bronte"), Name(text: "Weiß", slug: "weiss"),
                Name(text: "Ångström", slug: "angstrom"),
            ],
            familyNameFirst: false),
        Culture(
            weight: 6,
            firstNames: [
                Name(text: "太郎", slug: "taro"), Name(text: "花子", slug: "hanako"),
                Name(text: "翔太", slug: "shota"), Name(text: "美咲", slug: "misaki"),
            ],
            lastNames: [
                Name(text: "山田", slug: "yamada"), Name(text: "佐藤", slug: "sato"),
                Name(text: "鈴木", slug: "suzuki"), Name(text: "高橋", slug: "takahashi"),
            ],
            familyNameFirst: true),
        Culture(
            weight: 6,
            firstNames: [
                Name(text: "伟", slug: "wei"), Name(text: "娜", slug: "na"),
                Name(text: "秀英", slug: "xiuying"), Name(text: "强", slug: "qiang"),
            ],
            lastNames: [
                Name(text: "王", slug: "wang"), Name(text: "李", slug: "li"),
                Name(text: "张", slug: "zhang"), Name(text: "刘", slug: "liu"),
            ],
            familyNameFirst: true),
        Culture(
            weight: 3,
            firstNames: [Name(text: "민준", slug: "minjun"), Name(text: "서연", slug: "seoyeon")],
            lastNames: [
                Name(text: "김", slug: "kim"), Name(text: "이", slug: "yi"),
                Name(text: "박", slug: "park"),
            ],
            familyNameFirst: true),
        Culture(
            weight: 6,
            firstNames: [
                Name(text: "محمد", slug: "mohammed"), Name(text: "فاطمة", slug: "fatima"),
                Name(text: "أحمد", slug: "ahmed"), Name(text: "ليلى", slug: "layla"),
            ],
            lastNames: [
                Name(text: "العلي", slug: "alali"), Name(text: "حداد", slug: "haddad"),
                Name(text: "منصور", slug: "mansour"),
            ],
            familyNameFirst: false),
        Culture(
            weight: 4,
            firstNames: [
                Name(text: "נועה", slug: "noa"), Name(text: "דוד", slug: "david"),
                Name(text: "יעל", slug: "yael"),
            ],
            lastNames: [
                Name(text: "כהן", slug: "cohen"), Name(text: "לוי", slug: "levi"),
                Name(text: "מזרחי", slug: "mizrahi"),
            ],
            familyNameFirst: false),
        Culture(
            weight: 10,
            firstNames: names("Priya", "Arjun", "Ananya", "Rahul", "Lakshmi"),
            lastNames: names("Patel", "Sharma", "Iyer", "Venkataraghavan-Subramaniam"),
            familyNameFirst: false),
        Culture(
            weight: 3,
            firstNames: [
                Name(text: "Maria-Fernanda Esperanza Guadalupe", slug: "mariafernanda"),
                Name(text: "Wolfeschlegelsteinhausen Hubert Blaine", slug: "hubert"),
            ],
            lastNames: [
                Name(
                    text: "de los Ángeles Montenegro-Villavicencio y Santa Cruz de la Peña",
                    slug: "montenegro"),
                Name(text: "Bergenholm-Wolfeschlegelsteinhausenbergerdorff", slug: "bergenholm"),
            ],
            familyNameFirst: false),
    ]

    static let totalWeight = cultures.reduce(0) { $0 + $1.weight }

    static let departments = [
        "Engineering", "Sales", "Marketing", "Finance", "Research & Development",
        "Legal, Risk & Compliance", "Customer Support", "IT", "People", "Operations",
    ]

    static let titles = [
        "Software Engineer", "Senior Engineer, Platform", "Account Executive", "Analyst",
        "VP of \"Growth\"", "Support Specialist", "Product Manager", "Recruiter",
        "Director, Finance", "Site Reliability Engineer",
    ]

    static let cities = [
        "San Francisco", "London", "Zürich", "São Paulo", "東京", "Tel Aviv", "Dubai",
        "Bengaluru", "Kraków", "New York",
    ]

    static let countryCodes = ["US", "GB", "CH", "BR", "JP", "IL", "AE", "IN", "PL", "US"]

    static let streetAddresses = [
        "100 Market St", "1 Infinite Loop\nBuilding 2", "Bahnhofstrasse 7", "Rua Augusta, 1500",
        "221B Baker Street\nFlat \"B\"",
    ]

    static let entitlements = [
        "vpn", "github", "salesforce", "aws-prod", "jira", "workday", "zoom", "figma",
    ]

    private static func names(_ texts: String...) -> [Name] {
        texts.map { Name(text: $0, slug: $0.lowercased().filter { $0.isLetter }) }
    }
}
