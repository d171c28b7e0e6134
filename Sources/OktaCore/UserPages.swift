import Foundation

/// One page of a user listing.
public struct UserPage: Sendable {
    /// 1 for the first page.
    public var number: Int
    public var users: [OktaUser]
    /// `X-Okta-Request-Id` of the response.
    public var requestId: String?
    /// The `next` link, verbatim; nil on the last page.
    public var next: URL?
}

/// The pages of a user listing, fetched one ahead: while the caller stores a page, the next
/// one is already on its way, so a sync overlaps network and disk without holding more than
/// two pages in memory.
///
/// The listing ends at the first page without a `next` link or with no users. It stops with
/// `.paginationLoop` when Okta repeats a `next` URL or sends a full page with no new ids,
/// both seen in the wild.
public struct UserPages: AsyncSequence, Sendable {
    public typealias Element = UserPage
    let client: OktaClient
    let firstURL: URL

    public func makeAsyncIterator() -> Iterator {
        Iterator(client: client, pending: Self.fetch(client, firstURL, number: 1))
    }

    static func fetch(_ client: OktaClient, _ url: URL, number: Int) -> Task<UserPage, Error> {
        Task {
            let response = try await client.get(url, as: [OktaUser].self)
            let links = LinkHeader(fieldValues: response.headers.values(for: "Link"))
            return UserPage(
                number: number, users: response.value, requestId: response.requestId,
                next: links.next)
        }
    }

    /// Walks the pages; cancel the surrounding task to stop after the current page.
    public struct Iterator: AsyncIteratorProtocol {
        let client: OktaClient
        var pending: Task<UserPage, Error>?
        var seenNextURLs: Set<String> = []
        /// Ids of the most recent pages, oldest first; bounded so memory stays flat.
        var recentPageIDs: [Set<String>] = []
        var finished = false

        /// How many recent pages a page is compared against for "no new ids". Remembering every
        /// id would cost tens of MB on a large org; a loop longer than this many pages with
        /// fresh cursors is not caught here (the page cap still ends it).
        static let loopWindow = 20

        /// The next page; nil only when Okta's listing really ended. A listing stopped by
        /// cancellation throws `.cancelled`, so a caller never mistakes it for complete.
        public mutating func next() async throws -> UserPage? {
            guard let task = pending else {
                if finished { return nil }
                throw OktaError(.cancelled)
            }
            pending = nil
            let page: UserPage
            do {
                page = try await withTaskCancellationHandler {
                    try await task.value
                } onCancel: {
                    task.cancel()
                }
            } catch let error as OktaError {
                throw error
            } catch {
                throw OktaError(.cancelled)
            }
            if page.users.isEmpty {
                finished = true
                return nil
            }

            let ids = Set(page.users.map(\.id))
            let recent = recentPageIDs.reduce(into: Set<String>()) { $0.formUnion($1) }
            if ids.isSubset(of: recent) {
                throw OktaError(.paginationLoop, requestId: page.requestId, host: client.org.host)
            }
            recentPageIDs.append(ids)
            if recentPageIDs.count > Self.loopWindow { recentPageIDs.removeFirst() }

            if let next = page.next {
                // Stopping quietly at the cap would pass a cut-off listing off as complete.
                guard page.number < client.options.maxPages else {
                    throw OktaError(
                        .paginationLoop, requestId: page.requestId, host: client.org.host)
                }
                guard seenNextURLs.insert(next.absoluteString).inserted else {
                    throw OktaError(
                        .paginationLoop, requestId: page.requestId, host: client.org.host)
                }
                if !Task.isCancelled {
                    pending = UserPages.fetch(client, next, number: page.number + 1)
                }
            } else {
                finished = true
            }
            return page
        }
    }
}
