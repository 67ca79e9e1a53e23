using System.Diagnostics;
using Mediator;

namespace Coordination.Web.Security;

/// <summary>Logs each use case by name and duration — never its content, which may hold personal data.</summary>
internal sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly string _messageName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogHandled(logger, _messageName, elapsed);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {Message} in {Milliseconds:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string message, double milliseconds);
}
