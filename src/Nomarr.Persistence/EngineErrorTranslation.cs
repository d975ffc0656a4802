using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Nomarr.Persistence;

/// <summary>
/// Wraps an engine's implementation of a port so that the engine's own exception (<typeparamref name="TException"/>), thrown by any
/// method, awaited task or streamed sequence, reaches the caller as a <see cref="PersistenceException"/>
/// with the same message, or the engine's plain words for it. One wrapper for every port keeps each repository free of try/catch.
/// </summary>
public class EngineErrorTranslation<TPort, TException> : DispatchProxy
    where TPort : class
    where TException : Exception
{
    private static readonly ConcurrentDictionary<Type, MethodInfo> TaskWrappers = new();
    private static readonly ConcurrentDictionary<Type, MethodInfo> StreamWrappers = new();

    private TPort _inner = null!;
    private Func<TException, string> _describe = null!;

    /// <param name="inner">The engine's implementation.</param>
    /// <param name="describe">The message a user reads for an engine error ("the database is locked by another process"); its own message by default.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "The proxy type itself has to be named to create it.")]
    public static TPort Wrap(TPort inner, Func<TException, string>? describe = null)
    {
        var proxy = Create<TPort, EngineErrorTranslation<TPort, TException>>();
        var translation = (EngineErrorTranslation<TPort, TException>)(object)proxy;
        translation._inner = inner;
        translation._describe = describe ?? (ex => ex.Message);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is TException engine)
        {
            throw Translate(engine, _describe);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }

        var type = targetMethod.ReturnType;
        if (result is null || !type.IsGenericType && type != typeof(Task))
        {
            return result;
        }

        if (type == typeof(Task))
        {
            return WrapTask((Task)result, _describe);
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Task<>))
        {
            var wrapper = TaskWrappers.GetOrAdd(type.GenericTypeArguments[0], t => Method(nameof(WrapTaskOf)).MakeGenericMethod(t));
            return wrapper.Invoke(null, [result, _describe]);
        }

        if (definition == typeof(IAsyncEnumerable<>))
        {
            var wrapper = StreamWrappers.GetOrAdd(type.GenericTypeArguments[0], t => Method(nameof(WrapStream)).MakeGenericMethod(t));
            return wrapper.Invoke(null, [result, _describe, CancellationToken.None]);
        }

        return result;
    }

    private static MethodInfo Method(string name) =>
        typeof(EngineErrorTranslation<TPort, TException>).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    private static PersistenceException Translate(TException ex, Func<TException, string> describe) => new(describe(ex), ex);

    private static async Task WrapTask(Task task, Func<TException, string> describe)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (TException ex)
        {
            throw Translate(ex, describe);
        }
    }

    private static async Task<T> WrapTaskOf<T>(Task<T> task, Func<TException, string> describe)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (TException ex)
        {
            throw Translate(ex, describe);
        }
    }

    private static async IAsyncEnumerable<T> WrapStream<T>(
        IAsyncEnumerable<T> stream, Func<TException, string> describe, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var enumerator = stream.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                T current;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }

                    current = enumerator.Current;
                }
                catch (TException ex)
                {
                    throw Translate(ex, describe);
                }

                yield return current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
