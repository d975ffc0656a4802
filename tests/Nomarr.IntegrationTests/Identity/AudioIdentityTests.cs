using Nomarr.Components.Identity;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Identity;

public sealed class AudioIdentityTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly AudioIdentityReader _reader = new();

    public static TheoryData<string> Formats() => new() { ".mp3", ".flac", ".ogg", ".opus", ".m4a" };

    public void Dispose() => _disk.Dispose();

    [Theory]
    [MemberData(nameof(Formats))]
    public void TheIdentitySurvivesARetagWithNewCoverArt(string extension)
    {
        var path = _disk.AddTrack("a" + extension, title: "Before");
        var before = _reader.Compute(path);
        var sizeBefore = new FileInfo(path).Length;

        using (var file = TagLib.File.Create(path))
        {
            file.Tag.Title = "A much longer title than before, to move the audio around in the file";
            file.Tag.Performers = ["Someone Else"];
            file.Tag.Pictures = [new TagLib.Picture(new TagLib.ByteVector(Enumerable.Range(0, 20_000).Select(i => (byte)i).ToArray())) { MimeType = "image/jpeg", Type = TagLib.PictureType.FrontCover }];
            file.Save();
        }

        Assert.NotNull(before);
        Assert.NotEqual(sizeBefore, new FileInfo(path).Length);
        Assert.Equal(before, _reader.Compute(path));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void TheIdentityChangesWhenTheAudioChanges(string extension)
    {
        var path = _disk.AddTrack("a" + extension, title: "Same tags");
        var before = _reader.Compute(path);
        long offset;
        using (var stream = File.OpenRead(path))
        {
            var payload = AudioIdentityReader.Locate(stream)!;
            var region = payload.Head[0];
            offset = region.Offset + (region.Length / 2);
        }

        var bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x5A;
        File.WriteAllBytes(path, bytes);

        Assert.NotEqual(before, _reader.Compute(path));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void TheAudioPayloadLiesInsideTheFileAndExcludesItsStart(string extension)
    {
        var path = _disk.AddTrack("a" + extension, title: "Tagged");
        using var stream = File.OpenRead(path);

        var payload = AudioIdentityReader.Locate(stream);

        Assert.NotNull(payload);
        Assert.All(payload.Head.Concat(payload.Tail), r => Assert.InRange(r.Offset + r.Length, 1, stream.Length));
        Assert.All(payload.Head, r => Assert.True(r.Offset > 0));
    }

    [Theory]
    [InlineData("a.wav")]
    [InlineData("a.aiff")]
    public void TheIdentityOfUncompressedAudioSurvivesARetag(string name)
    {
        _disk.Write(name, name.EndsWith(".wav", StringComparison.Ordinal) ? PcmFiles.Wav() : PcmFiles.Aiff());
        var path = _disk.FullPath(name);
        var before = _reader.Compute(path);

        using (var file = TagLib.File.Create(path))
        {
            file.GetTag(TagLib.TagTypes.Id3v2, create: true).Title = "Tagged later";
            file.Save();
        }

        Assert.NotNull(before);
        Assert.Equal(before, _reader.Compute(path));
        Assert.Equal("Tagged later", TagLib.File.Create(path).Tag.Title);
    }

    // Stored identities must keep their value from version to version: this is the definition, computed the
    // plain way (every sampled run read from the file), for short files (whose tail repeats the head) and long ones.
    [Theory]
    [MemberData(nameof(Formats))]
    public void TheIdentityIsTheHashOfThePayloadLengthItsHeadAndItsTail(string extension)
    {
        var path = _disk.AddTrack("a" + extension, title: "Defined");

        Assert.Equal(Definition(path), _reader.Compute(path));
    }

    [Fact]
    public void TheIdentityOfALongFileHashesItsFirstAndLast64KiB()
    {
        var bytes = new byte[300_000];
        new Random(7).NextBytes(bytes);
        bytes[0] = (byte)'x';
        _disk.Write("long.bin", bytes);
        var path = _disk.FullPath("long.bin");

        Assert.Equal(Definition(path), _reader.Compute(path));
    }

    private static string Definition(string path)
    {
        using var stream = File.OpenRead(path);
        var payload = AudioIdentityReader.Locate(stream)!;
        var hash = new System.IO.Hashing.XxHash128();
        var length = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(length, payload.Length);
        hash.Append(length);
        foreach (var region in payload.Head.Concat(payload.Tail))
        {
            var run = new byte[Math.Min(region.Length, 64 * 1024)];
            stream.Position = region.Offset;
            stream.ReadExactly(run);
            hash.Append(run);
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    [Fact]
    public void AnEmptyFileHasNoIdentity()
    {
        _disk.Write("empty.mp3", []);

        Assert.Null(_reader.Compute(_disk.FullPath("empty.mp3")));
    }

    [Fact]
    public void ARenamedFileKeepsItsDeviceAndInode()
    {
        var inodes = new DeviceInodes();
        var path = _disk.AddTrack("a.mp3");
        var before = inodes.Of(path);

        File.Move(path, _disk.FullPath("b.mp3"));

        Assert.NotNull(before);
        Assert.Equal(before, inodes.Of(_disk.FullPath("b.mp3")));
        Assert.NotEqual(before, inodes.Of(_disk.AddTrack("c.mp3")));
        Assert.True(inodes.IsCertainlyGone(path));
    }
    [Theory]
    [InlineData("APE footer of size 0")]
    [InlineData("Lyrics3 size of -15")]
    public async Task ADamagedTrailingTagDoesNotHangTheIdentity(string damage)
    {
        var path = _disk.AddTrack("a.mp3");
        var trailer = new byte[32];
        if (damage.StartsWith("APE", StringComparison.Ordinal))
        {
            "APETAGEX"u8.CopyTo(trailer);
            trailer[8] = 0xD0;
            trailer[9] = 0x07;
        }
        else
        {
            trailer = "-00015LYRICS200"u8.ToArray();
        }

        File.WriteAllBytes(path, [.. File.ReadAllBytes(path), .. trailer]);

        // Without a guard, the reader would loop forever on this file: the wait only bounds the failure.
        var identity = await Task.Run(() => _reader.Compute(path)).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.NotNull(identity);
    }
}
