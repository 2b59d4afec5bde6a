import Foundation
import Mustache

/// The dashboard's Mustache templates (`Dashboard/Templates/*.mustache`), loaded once at start.
/// A page renders its own template, then `layout` wraps it with the navigation.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Loads the templates shipped in the module's resources.
    static func load() async throws -> PageRenderer {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw DashboardSetupError(message: "The dashboard templates are missing from the WebServer resources.")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: directory.path))
    }

    /// Renders `template` with `context`; a missing template is a programming error shown as such.
    func render(_ template: String, _ context: [String: Any]) throws -> String {
        guard let text = library.render(context, withTemplate: template) else {
            throw DashboardSetupError(message: "No dashboard template named \(template).")
        }
        return text
    }
}

/// The dashboard could not start or render: a packaging or programming error, never the user's.
struct DashboardSetupError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
