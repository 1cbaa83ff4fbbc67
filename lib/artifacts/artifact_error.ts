/** An artifact that is missing or does not match the manifest; `file` names it. */
export class ArtifactError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = "ArtifactError";
  }
}
