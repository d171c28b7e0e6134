/// How advice names the program: in the demo every follow-up command needs `--demo`, or it
/// would act on the real saved connection (or find none).
enum CommandHint {
    static func program(demo: Bool) -> String {
        demo ? "okta-connect --demo" : "okta-connect"
    }
}
