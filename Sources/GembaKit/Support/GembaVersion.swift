/// The version of this build of Gemba, as `gemba --version` prints it and as evidence bundles
/// name their generator (the CLI and the web app must write the same manifest).
public enum GembaVersion {
    public static let current = "0.1.0"
}
