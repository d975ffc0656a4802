using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the calls the services make to a real persistence port, by method name; every call goes on to
/// the engine unchanged. For tests of how often something is read, which no result shows.
/// </summary>
public sealed class PortCalls
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public int this[string method] => _calls.GetValueOrDefault(method);

    /// <summary>Puts a counter in front of the port's registered engine.</summary>
    public static PortCalls Count<TPort>(IServiceCollection services)
        where TPort : class
    {
        var engine = services.Last(d => d.ServiceType == typeof(TPort)).ImplementationFactory
            ?? throw new InvalidOperationException($"{typeof(TPort).Name} is not registered by a factory.");
        var calls = new PortCalls();
        services.AddSingleton(s => Counting<TPort>.Wrap((TPort)engine(s), calls));
        return calls;
    }

    private void Add(string method) => _calls.AddOrUpdate(method, 1, (_, n) => n + 1);

    /// <summary>The counting proxy (public, unsealed and parameterless, as <see cref="DispatchProxy"/> requires).</summary>
    public class Counting<TPort> : DispatchProxy
        where TPort : class
    {
        private TPort _inner = null!;
        private PortCalls _calls = null!;

        internal static TPort Wrap(TPort inner, PortCalls calls)
        {
            var proxy = Create<TPort, Counting<TPort>>();
            var counting = (Counting<TPort>)(object)proxy;
            counting._inner = inner;
            counting._calls = calls;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            _calls.Add(targetMethod.Name);
            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(ex.InnerException);
                throw;
            }
        }
    }
}
