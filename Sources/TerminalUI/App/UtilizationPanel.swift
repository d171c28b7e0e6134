import Foundation

/// The status screen's utilization panel: the figures of the local store, computed in the
/// background whenever the store's user count or last sync changes.
public struct UtilizationPanel: Sendable, Equatable {
    /// The store facts the figures were (or are being) computed for.
    struct Source: Sendable, Equatable {
        var url: URL
        var userCount: Int
        var lastSync: Date?
    }

    /// The latest figures; kept while newer ones are computed.
    public internal(set) var figures: Utilization?
    public internal(set) var isComputing = false
    /// Why the figures could not be computed.
    public internal(set) var error: String?
    var generation = 0
    var source: Source?

    public init() {}

    /// "Unused seats: 312 of 2,104 (14.8 %) · no login in 90 d or never", or what is
    /// happening instead.
    public func summary(glyphs: Glyphs) -> String? {
        if let figures {
            return "Unused seats: \(Format.count(figures.unusedSeats)) of "
                + "\(Format.count(figures.seatHolders)) "
                + "(\(Utilization.percent(figures.unusedSeats, of: figures.seatHolders))) "
                + "\(glyphs.separator) no login in 90 d or never"
        }
        if isComputing { return "Utilization: computing" + glyphs.ellipsis }
        return error
    }
}
