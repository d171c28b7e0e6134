import TerminalUI

/// The tests' executor for store queries: runs each `Effect.storeQuery` at once on the
/// calling thread and feeds its result back, as the driver does from the background, so
/// screen tests stay deterministic. The other effects are returned, in order.
enum SynchronousQueries {
    @discardableResult
    static func run(_ effects: [Effect], in state: inout AppState) -> [Effect] {
        var others: [Effect] = []
        for effect in effects {
            if case .storeQuery(let query) = effect {
                others += run(state.apply(.storeQueryFinished(query.run())), in: &state)
            } else {
                others.append(effect)
            }
        }
        return others
    }

    /// A key press with its queries answered.
    @discardableResult
    static func handle(_ key: Key, in state: inout AppState) -> [Effect] {
        run(state.handle(key), in: &state)
    }

    /// An event with the queries it leads to answered.
    @discardableResult
    static func apply(_ event: AppEvent, in state: inout AppState) -> [Effect] {
        run(state.apply(event), in: &state)
    }
}
