namespace Orchestrator.ModelAccess;

/// <summary>
/// A model call failed. The message is safe to show and store: it names the provider's status, never
/// a key or the provider's raw answer. <see cref="Transient"/> says whether trying again may help.
/// </summary>
public sealed class ModelCallException : Exception
{
    public ModelCallException(string message, bool transient, int? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        Transient = transient;
        StatusCode = statusCode;
    }

    public bool Transient { get; }

    public int? StatusCode { get; }
}
