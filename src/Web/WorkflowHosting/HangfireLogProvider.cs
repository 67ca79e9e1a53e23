using Hangfire.Logging;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Coordination.Web.WorkflowHosting;

/// <summary>
/// Hangfire's log provider is process-wide (static). With several hosts in one process (the test suite) the first
/// host's disposed logger factory would make every later Hangfire log call throw; this provider writes through the
/// newest host's factory and treats a disposed factory as "not logging" instead of failing the job.
/// </summary>
internal sealed class HangfireLogProvider(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name) => new ForwardingLog(factory, name);

    private sealed class ForwardingLog(ILoggerFactory factory, string name) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                var logger = factory.CreateLogger(name);
                var level = logLevel switch
                {
                    Hangfire.Logging.LogLevel.Trace => MsLogLevel.Trace,
                    Hangfire.Logging.LogLevel.Debug => MsLogLevel.Debug,
                    Hangfire.Logging.LogLevel.Info => MsLogLevel.Information,
                    Hangfire.Logging.LogLevel.Warn => MsLogLevel.Warning,
                    Hangfire.Logging.LogLevel.Error => MsLogLevel.Error,
                    _ => MsLogLevel.Critical,
                };
                if (messageFunc is null || !logger.IsEnabled(level))
                {
                    return logger.IsEnabled(level);
                }

                var message = messageFunc();
#pragma warning disable CA1848, CA2254 // Hangfire hands over a ready message; there is no template to cache.
                logger.Log(level, exception, message);
#pragma warning restore CA1848, CA2254
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
