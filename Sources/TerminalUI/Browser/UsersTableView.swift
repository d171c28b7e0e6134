import Foundation
import OktaCore
import UserStore

/// Draws the users table: a header with the sort arrow, then one line per visible user.
///
/// Column widths follow the terminal: Status, Last login and Created keep their natural width
/// (Created is dropped below 70 cells), Name and Login / email share the rest. Cells are
/// measured in terminal cells, so CJK names line up, and long values end in an ellipsis.
struct UsersTableView {
    struct Column {
        let title: String
        let key: UserSort.Key
        let width: Int
    }

    let columns: [Column]

    init(width: Int) {
        let status = width >= 90 ? 16 : 12
        let lastLogin = 12
        let created = width >= 70 ? 10 : 0
        let gaps = created > 0 ? 4 : 3
        let flexible = max(12, width - status - lastLogin - created - gaps)
        let name = max(6, flexible * 2 / 5)
        var columns = [
            Column(title: "Name", key: .name, width: name),
            Column(title: "Login / email", key: .login, width: flexible - name),
            Column(title: "Status", key: .status, width: status),
            Column(title: "Last login", key: .lastLogin, width: lastLogin),
        ]
        if created > 0 { columns.append(Column(title: "Created", key: .created, width: created)) }
        self.columns = columns
    }

    /// The header, with `↑` or `↓` after the sorted column's title.
    func drawHeader(
        sort: UserSort, into canvas: inout Canvas, row: Int, left: Int,
        environment: RenderEnvironment
    ) {
        var x = left
        for column in columns {
            var title = column.title
            if column.key == sort.key {
                let arrow = sort.descending ? environment.glyphs.down : environment.glyphs.up
                title += " " + arrow
            }
            let style: CellStyle = column.key == sort.key ? .title : .bold
            canvas.put(
                title, row: row, column: x, style: style, limit: column.width,
                ellipsis: environment.glyphs.ellipsis)
            x += column.width + 1
        }
    }

    /// One user's line; the selected one in reverse video across the whole width.
    func drawRow(
        _ user: StoredUser, selected: Bool, dimmed: Bool = false, now: Date,
        into canvas: inout Canvas, row: Int, left: Int, width: Int, environment: RenderEnvironment
    ) {
        let style: CellStyle = selected ? .focus : (dimmed ? .dim : .plain)
        if selected { canvas.fill(" ", row: row, column: left, width: width, style: style) }
        var x = left
        for column in columns {
            let text = SafeText.neutralized(Self.cell(column.key, of: user, now: now))
            canvas.put(
                text, row: row, column: x, style: style, limit: column.width,
                ellipsis: environment.glyphs.ellipsis)
            x += column.width + 1
        }
    }

    static func cell(_ key: UserSort.Key, of user: StoredUser, now: Date) -> String {
        switch key {
        case .name: return user.displayName
        case .login: return user.login ?? user.email ?? ""
        case .status: return user.status
        case .lastLogin: return RelativeAge.describe(user.lastLogin, now: now)
        case .created: return user.created.map { String(OktaDate.format($0).prefix(10)) } ?? ""
        }
    }
}
