"""Writes tags the way MusicBrainz Picard stores them, with mutagen (Debian's python3-mutagen).

Usage: picard_tag.py FILE JSON, where JSON maps Picard's internal tag names to lists of values.
Used by the tests as a writer independent of TagLibSharp.
"""
import json
import sys

from mutagen.flac import FLAC
from mutagen.id3 import ID3, TALB, TCON, TIT2, TPE1, TPE2, TXXX, UFID, ID3NoHeaderError
from mutagen.mp4 import MP4, MP4FreeForm
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis

ID3_TEXT = {"title": TIT2, "artist": TPE1, "albumartist": TPE2, "album": TALB, "genre": TCON}
ID3_TXXX = {
    "artists": "Artists",
    "musicbrainz_albumid": "MusicBrainz Album Id",
    "musicbrainz_artistid": "MusicBrainz Artist Id",
    "musicbrainz_albumartistid": "MusicBrainz Album Artist Id",
    "musicbrainz_releasegroupid": "MusicBrainz Release Group Id",
    "musicbrainz_trackid": "MusicBrainz Release Track Id",
}
MP4_ATOMS = {"title": "\xa9nam", "artist": "\xa9ART", "albumartist": "aART", "album": "\xa9alb", "genre": "\xa9gen"}
MP4_FREEFORM = {
    "musicbrainz_recordingid": "MusicBrainz Track Id",
    "musicbrainz_trackid": "MusicBrainz Release Track Id",
    "musicbrainz_albumid": "MusicBrainz Album Id",
    "musicbrainz_artistid": "MusicBrainz Artist Id",
    "musicbrainz_albumartistid": "MusicBrainz Album Artist Id",
    "musicbrainz_releasegroupid": "MusicBrainz Release Group Id",
}
VORBIS_RENAMED = {"musicbrainz_recordingid": "MUSICBRAINZ_TRACKID", "musicbrainz_trackid": "MUSICBRAINZ_RELEASETRACKID"}


def main(path, tags):
    ext = path.rsplit(".", 1)[1].lower()
    if ext == "mp3":
        try:
            id3 = ID3(path)
        except ID3NoHeaderError:
            id3 = ID3()
        for key, values in tags.items():
            if key in ID3_TEXT:
                id3.add(ID3_TEXT[key](encoding=3, text=values))
            elif key == "musicbrainz_recordingid":
                id3.add(UFID(owner="http://musicbrainz.org", data=values[0].encode()))
            else:
                id3.add(TXXX(encoding=3, desc=ID3_TXXX.get(key, key.upper()), text=values))
        id3.save(path, v2_version=4)
    elif ext in ("flac", "ogg", "opus"):
        audio = {"flac": FLAC, "ogg": OggVorbis, "opus": OggOpus}[ext](path)
        for key, values in tags.items():
            audio[VORBIS_RENAMED.get(key, key.upper())] = values
        audio.save()
    elif ext == "m4a":
        audio = MP4(path)
        for key, values in tags.items():
            if key in MP4_ATOMS:
                audio[MP4_ATOMS[key]] = values
            else:
                audio["----:com.apple.iTunes:" + MP4_FREEFORM.get(key, key.upper())] = [MP4FreeForm(v.encode()) for v in values]
        audio.save()
    else:
        raise SystemExit("unsupported format: " + ext)


if __name__ == "__main__":
    main(sys.argv[1], json.loads(sys.argv[2]))
