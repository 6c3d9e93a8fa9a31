namespace VideoBot.Host.Pipeline.Output;

/// <summary>
/// The messenger refused an upload (after its own retries): the user reads "the upload failed", the operator's log the
/// messenger's answer (<see cref="Exception.InnerException"/>).
/// </summary>
internal class UploadRejectedException(Exception answer) : Exception("The upload was refused: " + answer.Message, answer);

/// <summary>A file_id kept in the cache is no longer accepted: the entry is dropped and the link fetched again.</summary>
internal sealed class StaleFileIdException(Exception answer) : UploadRejectedException(answer);
