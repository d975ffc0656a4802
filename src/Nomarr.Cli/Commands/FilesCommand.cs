using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Nomarr.Cli.Hosting;
using Nomarr.Cli.Output;
using Nomarr.Helpers.Libraries;
using Nomarr.Services.Libraries;
using Spectre.Console;

namespace Nomarr.Cli.Commands;

/// <summary>`nomarr files [LIBRARY]`: the stored files and their tags.</summary>
internal static class FilesCommand
{
    public static Command Build()
    {
        var library = LibraryArgument.Optional("Only this library (id or name)");
        var missing = new Option<bool>("--missing") { Description = "Only files that are missing on disk" };
        var folder = new Option<string?>("--folder") { Description = "Only files under this folder of the library" };
        var search = new Option<string?>("--search", "-q") { Description = "Only files whose title, artist or album contains this text" };
        var limit = new Option<int>("--limit") { Description = "At most this many files", DefaultValueFactory = _ => 1000 };
        var offset = new Option<int>("--offset") { Description = "Skip this many files first" };
        var json = new Option<bool>("--json") { Description = "Print the files as a JSON array" };
        var artist = new Option<string?>("--artist") { Description = "Only files with this artist among their artists (any case)" };
        var albumArtist = new Option<string?>("--album-artist") { Description = "Only files with this album artist" };
        var genre = new Option<string?>("--genre") { Description = "Only files with this genre among their genres" };
        var album = new Option<string?>("--album") { Description = "Only files of this album (its exact title, any case)" };
        var year = new Option<int?>("--year") { Description = "Only files of this year" };
        var albumId = new Option<string?>("--musicbrainz-albumid") { Description = "Only files of this MusicBrainz release" };
        var format = new Option<string?>("--format") { Description = "Only files of this codec (flac, mp3, aac, opus, vorbis, ...)" };
        var sort = new Option<FileSort>("--sort") { Description = "Order: path, added or updated (newest first)", DefaultValueFactory = _ => FileSort.Path };
        var command = new Command("files", "List stored files with their tags")
        {
            library, missing, folder, search, artist, albumArtist, genre, album, year, albumId, format, sort, limit, offset, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async services =>
        {
            var catalog = services.GetRequiredService<LibraryCatalog>();
            long? libraryId = parse.GetValue(library) is { } l ? (await LibraryArgument.ResolveAsync(catalog, l, ct)).Id : null;
            if (parse.GetValue(limit) < 1 || parse.GetValue(offset) < 0)
            {
                throw new ArgumentException("--limit must be at least 1 and --offset at least 0.");
            }

            var query = new FileQuery(
                libraryId,
                parse.GetValue(folder) is { Length: > 0 } f ? Nomarr.Helpers.Paths.PathNormalizer.NormalizeRelative(f) : null,
                parse.GetValue(missing) ? true : null,
                parse.GetValue(search),
                parse.GetValue(offset),
                parse.GetValue(limit))
            {
                Artist = parse.GetValue(artist),
                AlbumArtist = parse.GetValue(albumArtist),
                Genre = parse.GetValue(genre),
                Album = parse.GetValue(album),
                Year = parse.GetValue(year),
                MusicBrainzAlbumId = parse.GetValue(albumId),
                Format = parse.GetValue(format),
                Sort = parse.GetValue(sort),
            };
            var page = await services.GetRequiredService<LibraryFiles>().QueryAsync(query, ct);
            if (parse.GetValue(json))
            {
                Json.Print(page.Items.Select(FileView.From).ToList());
                return 0;
            }

            var table = new Table().AddColumns("Id", "Path", "Artist", "Album", "Title", "State");
            foreach (var file in page.Items)
            {
                table.AddRow(
                    file.Id.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(file.Path),
                    Markup.Escape(file.Tags.Artist ?? ""),
                    Markup.Escape(file.Tags.Album ?? ""),
                    Markup.Escape(file.Tags.Title ?? ""),
                    file.Valid ? (file.ReadError is null ? "ok" : "unreadable tags") : "missing");
            }

            AnsiConsole.Write(table);
            AnsiConsole.WriteLine($"{page.Items.Count} of {page.Total} files.");
            return 0;
        }));
        return command;
    }
}
