namespace Nomarr.Components.Reading;

/// <summary>
/// A file opened once for everything a scan reads of it (tags, audio identity), or, when it is not
/// a regular file, only its status: FIFOs, sockets and devices are never opened.
/// </summary>
public sealed class OpenedFile : IDisposable
{
    private readonly Stream? _stream;

    private OpenedFile(FileStatus status, Stream? stream)
    {
        Status = status;
        _stream = stream;
    }

    public FileStatus Status { get; }

    public bool IsRegular => _stream is not null;

    /// <summary>The file's bytes as they were at the open; reads throw once the token given to <see cref="Open"/> is cancelled.</summary>
    public Stream Stream => _stream ?? throw new InvalidOperationException("Only a regular file has a stream.");

    /// <summary>
    /// Opens <paramref name="fullPath"/>: stat first (anything but a regular file is not opened), then
    /// open without blocking and fstat the handle, since the path may have been replaced meanwhile.
    /// </summary>
    /// <exception cref="FileNotFoundException">The path is gone.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    /// <exception cref="IOException">Any other failure to open it.</exception>
    public static OpenedFile Open(string fullPath, CancellationToken cancellationToken)
    {
        if (!NativeFile.IsSupported)
        {
            var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.RandomAccess);
            return new OpenedFile(new FileStatus(FileKind.Regular, 0, 0, stream.Length, 0), new BoundedReadStream(stream, stream.Length, cancellationToken));
        }

        var (before, statErrno) = NativeFile.StatPath(fullPath);
        if (statErrno != 0)
        {
            throw Errors.For(statErrno, fullPath);
        }

        if (before.Kind != FileKind.Regular)
        {
            return new OpenedFile(before, null);
        }

        var (handle, openErrno) = NativeFile.OpenForReading(fullPath);
        if (handle is null)
        {
            throw Errors.For(openErrno, fullPath);
        }

        try
        {
            var (status, fstatErrno) = NativeFile.StatHandle(handle);
            if (fstatErrno != 0)
            {
                throw Errors.For(fstatErrno, fullPath);
            }

            if (status.Kind != FileKind.Regular)
            {
                handle.Dispose();
                return new OpenedFile(status, null);
            }

            var file = new FileStream(handle, FileAccess.Read, bufferSize: 4096);
            return new OpenedFile(status, new BoundedReadStream(file, status.Size, cancellationToken));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public void Dispose() => _stream?.Dispose();

    private static class Errors
    {
        private const int EPERM = 1;
        private const int ENOENT = 2;
        private const int EACCES = 13;
        private const int ENOTDIR = 20;

        public static Exception For(int errno, string path) => errno switch
        {
            ENOENT or ENOTDIR => new FileNotFoundException("the file disappeared before it could be read", path),
            EACCES or EPERM => new UnauthorizedAccessException($"permission denied (errno {errno})"),
            _ => new IOException($"{System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})"),
        };
    }
}
