import Foundation
import OktaCore

/// Reads the API token from standard input, `OKTA_CLIENT_TOKEN` or a hidden prompt: never
/// from argv, where other users (`ps`) and shell history would see it.
enum TokenInput {
    static func read(
        fromStdin: Bool, environment: [String: String], console: Console
    ) throws -> APIToken {
        if fromStdin {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return try APIToken(parsing: String(decoding: data, as: UTF8.self))
        }
        if let value = environment["OKTA_CLIENT_TOKEN"], !value.isEmpty {
            return try APIToken(parsing: value)
        }
        guard console.stdinIsTerminal else {
            throw UsageError(
                "No token given. Pipe it with --token-stdin or set OKTA_CLIENT_TOKEN.")
        }
        return try APIToken(parsing: promptHidden("Paste the API token (input hidden): "))
    }

    /// Reads one line from the terminal with echo switched off.
    private static func promptHidden(_ prompt: String) -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return Swift.readLine(strippingNewline: true) ?? ""
    }
}
