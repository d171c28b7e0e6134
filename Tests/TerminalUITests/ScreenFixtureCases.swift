import TerminalUI

/// The named states the 80×24 fixtures cover.
enum ScreenFixtureCases {
    static let all: [(String, AppState)] = [
        ("initiate", ScreenGallery.fresh()),
        ("initiateWithInvitation", ScreenGallery.invitation()),
        ("logIn", ScreenGallery.step2()),
        ("enterToken", ScreenGallery.step3()),
        ("checking", ScreenGallery.checking()),
        ("connected", ScreenGallery.connected()),
        ("tokenRejected", ScreenGallery.rejected()),
        ("savedConnection", ScreenGallery.savedStatus()),
        ("syncing", ScreenGallery.syncing()),
        ("cjkNameAndHostileOrgName", ScreenGallery.cjkStatus()),
        ("tooSmall", ScreenGallery.tooSmall()),
    ]
}
