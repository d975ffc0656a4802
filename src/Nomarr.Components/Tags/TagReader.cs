using Nomarr.Components.Reading;
using Nomarr.Helpers.Libraries;
using TagLib;

namespace Nomarr.Components.Tags;

/// <summary>Reads tags and audio properties with TagLibSharp. Never throws for a bad file.</summary>
public sealed class TagReader(TagExtractor extractor)
{
    /// <summary>Opens the file (regular files only, see <see cref="OpenedFile"/>) and reads its tags.</summary>
    public TagReadResult Read(string fullPath)
    {
        try
        {
            using var opened = OpenedFile.Open(fullPath, CancellationToken.None);
            return opened.IsRegular
                ? Read(opened.Stream, fullPath)
                : TagReadResult.Failed(TagReadFailure.Unreadable, "not a regular file: " + opened.Status.Kind);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return TagReadResult.Failed(TagReadFailure.Vanished, "the file disappeared before it could be read");
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return TagReadResult.Failed(TagReadFailure.Unreadable, ex.Message);
        }
    }

    /// <summary>
    /// Reads the tags of a file opened by the caller, which keeps it open; <paramref name="fullPath"/> names
    /// its format by its extension. A cancellation raised by the stream (a read past its deadline) is rethrown.
    /// </summary>
    public TagReadResult Read(Stream stream, string fullPath)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            if (stream.Length == 0)
            {
                return TagReadResult.Failed(TagReadFailure.Corrupt, "the file is empty");
            }

            using var file = TagLib.File.Create(new StreamFileAbstraction(fullPath, stream), ReadStyle.Average);
            var properties = file.Properties;
            if (properties is null || properties.MediaTypes == MediaTypes.None || !properties.Codecs.Any(c => c is not null))
            {
                return TagReadResult.Failed(TagReadFailure.Corrupt, "no audio stream was found");
            }

            return TagReadResult.Success(extractor.Extract(file, ToTags(file.Tag, properties)));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return TagReadResult.Failed(TagReadFailure.Unreadable, ex.Message);
        }
        catch (UnsupportedFormatException ex)
        {
            return TagReadResult.Failed(TagReadFailure.Corrupt, "unsupported or unrecognised format: " + ex.Message);
        }
#pragma warning disable CA1031 // A damaged file can make TagLibSharp throw almost anything; none of it may stop a scan.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return TagReadResult.Failed(TagReadFailure.Corrupt, ex.Message);
        }
    }

    private static AudioTags ToTags(Tag tag, Properties properties) => new()
    {
        Title = Text(tag.Title),
        Artist = Text(tag.JoinedPerformers),
        Album = Text(tag.Album),
        AlbumArtist = Text(tag.JoinedAlbumArtists),
        Track = Positive(tag.Track),
        Disc = Positive(tag.Disc),
        Year = Positive(tag.Year),
        Genre = Text(tag.JoinedGenres),
        Duration = properties.Duration > TimeSpan.Zero ? Math.Round(properties.Duration.TotalSeconds, 3) : null,
        Bitrate = properties.AudioBitrate > 0 ? properties.AudioBitrate : null,
        SampleRate = properties.AudioSampleRate > 0 ? properties.AudioSampleRate : null,
        Channels = properties.AudioChannels > 0 ? properties.AudioChannels : null,
        Codec = CodecName(properties),
    };

    private static string? CodecName(Properties properties)
    {
        var description = properties.Codecs.FirstOrDefault(c => c is not null && (c.MediaTypes & MediaTypes.Audio) != 0)?.Description;
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        var lower = description.ToLowerInvariant();
        string[] known = ["opus", "vorbis", "flac", "alac", "aac", "mp4a", "layer 3", "wma", "wavpack", "ape", "musepack", "pcm", "dsd"];
        var match = known.FirstOrDefault(k => lower.Contains(k, StringComparison.Ordinal));
        return match switch
        {
            "layer 3" => "mp3",
            "mp4a" => "aac",
            null => description,
            _ => match,
        };
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int? Positive(uint value) => value > 0 ? (int)Math.Min(value, int.MaxValue) : null;
}
