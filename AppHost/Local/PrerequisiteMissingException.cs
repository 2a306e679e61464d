namespace Orchestrator.AppHost.Local;

/// <summary>A resource cannot start because something must be installed or built first; the message says what.</summary>
public sealed class PrerequisiteMissingException(string message) : Exception(message);
