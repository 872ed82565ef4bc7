"""A page detected in bands, one above the other: each box is kept once, by the band that owns its
centre; a box higher than the overlap, cut in both bands, is joined and read whole."""

from __future__ import annotations

import numpy as np

from pipeline.ocr.rapid import BAND_OVERLAP, _bands, _Found, _joined


def test_bands_cover_the_page_overlapping_and_own_it_without_gaps():
    bands = _bands(2000, 2)
    assert bands[0][0] == 0 and bands[-1][1] == 2000
    assert bands[0][1] - bands[1][0] == 2 * BAND_OVERLAP
    assert bands[0][2][1] == bands[1][2][0] and bands[0][2][0] == 0 and bands[1][2][1] == 2000


def test_a_small_image_is_one_band():
    assert _bands(900, 2) == [(0, 900, (0.0, 900.0))]


def _found(box, own, cut_above=False, cut_below=False, text="字"):
    return _Found(text, box, 0.9, own, cut_above, cut_below)


def test_a_line_seen_by_both_bands_is_kept_once():
    upper, lower = (0.0, 992.0), (992.0, 2000.0)
    found = [_found((100, 980, 600, 1020), upper), _found((100, 980, 600, 1020), lower)]
    assert len(_joined(found, lambda pixels, box: ("", 0.0), np.zeros((2000, 1400, 3), np.uint8))) == 1


def test_a_tall_box_cut_in_both_bands_is_joined_and_read_whole():
    upper, lower = (0.0, 992.0), (992.0, 2000.0)
    found = [
        _found((400, 700, 440, 1149), upper, cut_below=True, text="123"),  # reaches the upper band's end (1152)
        _found((400, 833, 440, 1400), lower, cut_above=True, text="456"),  # from the lower band's start (832)
        _found((600, 100, 900, 140), upper, text="标题"),
    ]
    reads = []
    joined = _joined(found, lambda pixels, box: (reads.append(box) or "123456", 0.95), np.zeros((2000, 1400, 3), np.uint8))
    assert reads == [(400, 700, 440, 1400)]
    assert sorted(item.text for item in joined) == ["123456", "标题"]
