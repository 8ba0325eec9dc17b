"""Illustrations for the demo articles, drawn locally with Pillow (nothing is downloaded).

``make_image(title, motif, seed)`` returns the bytes of a JPEG: a soft gradient in a palette chosen from
``seed``, a simple drawing for ``motif`` (see ``MOTIFS``) and the title in a rounded panel, set in DejaVu
Sans Bold, which has every Vietnamese letter. The same arguments always give the same bytes, so seeding
the demo twice produces identical files.

Everything is drawn at twice the requested size and scaled down, which smooths edges and text.
"""

import hashlib
import io
import math
import random
import unicodedata

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
LABEL = "TRƯỜNG TIỂU HỌC NGUYỄN KHUYẾN"
MOTIFS = ("school", "books", "flag", "sport", "art", "tree", "star")

_SUPERSAMPLE = 2
_MAX_LINES = 4

# (gradient start, gradient end, accent): soft backgrounds with a darker accent for the panel bar and label.
PALETTES = (
    ((142, 197, 252), (224, 195, 252), (74, 86, 176)),  # sky to lavender
    ((168, 230, 207), (220, 237, 193), (38, 130, 96)),  # mint
    ((255, 222, 233), (181, 255, 252), (196, 69, 105)),  # peach to aqua
    ((251, 215, 134), (247, 121, 125), (176, 58, 46)),  # sunset
    ((67, 198, 172), (248, 255, 174), (22, 122, 110)),  # teal to lemon
    ((201, 214, 255), (226, 226, 226), (52, 73, 140)),  # morning mist
    ((255, 236, 210), (252, 182, 159), (191, 90, 46)),  # apricot
    ((132, 250, 176), (143, 211, 244), (30, 120, 140)),  # spring
)

_TEXT = (28, 37, 65)
_RED = (218, 37, 29)
_YELLOW = (255, 221, 0)
_WHITE = (255, 255, 255)


def _rng(seed):
    """A private random generator from any seed; unlike ``hash()`` it does not change between runs."""
    digest = hashlib.sha256(repr(seed).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _font(size):
    try:
        return ImageFont.truetype(FONT_PATH, size)
    except OSError:
        try:
            return ImageFont.load_default(size=size)
        except TypeError:  # Pillow without FreeType: fixed-size bitmap font
            return ImageFont.load_default()


def _gradient(size, start, end, rng):
    """A diagonal gradient: computed on a small grid, then smoothly enlarged."""
    w, h = size
    gw, gh = 64, max(2, round(64 * h / w))
    angle = rng.uniform(0.25, 0.75)  # how much the gradient runs across vs down
    small = Image.new("RGB", (gw, gh))
    pixels = small.load()
    for y in range(gh):
        for x in range(gw):
            t = (x / (gw - 1)) * angle + (y / (gh - 1)) * (1 - angle)
            pixels[x, y] = _mix(start, end, t)
    return small.resize(size, Image.Resampling.BICUBIC)


def _decorate(canvas, rng):
    """Large translucent circles and a sprinkle of dots for depth."""
    w, h = canvas.size
    layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(5):
        r = rng.uniform(0.12, 0.35) * h
        cx, cy = rng.uniform(-0.1, 1.1) * w, rng.uniform(-0.1, 1.1) * h
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255, rng.randint(28, 60)))
    for _ in range(24):
        r = rng.uniform(0.004, 0.012) * h
        cx, cy = rng.uniform(0, 1) * w, rng.uniform(0, 1) * h
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255, rng.randint(70, 140)))
    canvas.alpha_composite(layer)


def _star_points(cx, cy, outer, inner=None, rotation=-90):
    inner = outer * 0.382 if inner is None else inner
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = math.radians(rotation + i * 36)
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return points


# Each drawing fills the box (x0, y0, x1, y1) of a transparent RGBA layer; its ImageDraw blends
# translucent colours over what is already drawn.


def _draw_flag_on_pole(draw, x, y, height):
    draw.line((x, y, x, y + height * 2.1), fill=(110, 110, 120), width=max(2, round(height * 0.08)))
    w = height * 1.5
    draw.rectangle((x, y, x + w, y + height), fill=_RED)
    draw.polygon(_star_points(x + w / 2, y + height / 2, height * 0.32), fill=_YELLOW)


def _draw_school(layer, box, rng, accent):
    draw = ImageDraw.Draw(layer, "RGBA")
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    ground = y1 - h * 0.06
    draw.rounded_rectangle((x0, ground - h * 0.03, x1, y1), radius=h * 0.04, fill=(112, 178, 92))
    bx0, bx1 = x0 + w * 0.1, x1 - w * 0.1
    by0 = y0 + h * 0.42
    wall = rng.choice([(250, 214, 120), (252, 228, 160), (246, 200, 110)])
    draw.rectangle((bx0, by0, bx1, ground), fill=wall, outline=(200, 150, 70), width=max(2, round(h * 0.006)))
    # Tiled roof and a gable over the entrance.
    overhang = w * 0.05
    roof = (176, 58, 46)
    draw.polygon(
        [
            (bx0 - overhang, by0),
            (bx0 + w * 0.06, by0 - h * 0.1),
            (bx1 - w * 0.06, by0 - h * 0.1),
            (bx1 + overhang, by0),
        ],
        fill=roof,
    )
    mid = (bx0 + bx1) / 2
    draw.polygon(
        [(mid - w * 0.16, by0 - h * 0.06), (mid, by0 - h * 0.22), (mid + w * 0.16, by0 - h * 0.06)], fill=roof
    )
    draw.ellipse((mid - h * 0.035, by0 - h * 0.15, mid + h * 0.035, by0 - h * 0.08), fill=_WHITE)
    # Windows in two storeys, the entrance in the middle.
    cols, rows = 4, 2
    floor_h = (ground - by0) / rows
    win_w = (bx1 - bx0) / (cols * 2 + 1)
    for row in range(rows):
        for col in range(cols):
            wx = bx0 + win_w * (1 + col * 2) + (win_w * 0.6 if col >= cols // 2 else -win_w * 0.2)
            wy = by0 + floor_h * row + floor_h * 0.25
            draw.rectangle(
                (wx, wy, wx + win_w * 0.75, wy + floor_h * 0.45),
                fill=(173, 216, 240),
                outline=_WHITE,
                width=3,
            )
    door_w = win_w * 1.1
    draw.rounded_rectangle(
        (mid - door_w / 2, ground - floor_h * 0.75, mid + door_w / 2, ground),
        radius=door_w * 0.3,
        fill=(120, 74, 48),
    )
    draw.rectangle(
        (mid - door_w * 0.9, by0 + floor_h * 0.05, mid + door_w * 0.9, by0 + floor_h * 0.19), fill=accent
    )
    # Flag on the ridge.
    _draw_flag_on_pole(draw, mid, y0 + h * 0.02, h * 0.1)
    # A round bush on each side.
    for bx in (x0 + w * 0.06, x1 - w * 0.06):
        r = h * 0.07
        draw.ellipse((bx - r, ground - r * 1.6, bx + r, ground + r * 0.3), fill=(70, 150, 80))


def _draw_books(layer, box, rng, accent):
    draw = ImageDraw.Draw(layer, "RGBA")
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    colours = [(231, 76, 60), (52, 152, 219), (46, 204, 113), (241, 196, 15), (155, 89, 182), accent]
    rng.shuffle(colours)
    bottom = y1 - h * 0.04
    book_h = h * 0.13
    cx = (x0 + x1) / 2
    for i in range(5):
        bw = w * rng.uniform(0.6, 0.8)
        shift = rng.uniform(-0.06, 0.06) * w
        top = bottom - book_h
        left, right = cx - bw / 2 + shift, cx + bw / 2 + shift
        colour = colours[i % len(colours)]
        draw.rounded_rectangle((left, top, right, bottom), radius=book_h * 0.18, fill=colour)
        draw.rectangle(
            (right - bw * 0.05, top + book_h * 0.15, right - bw * 0.01, bottom - book_h * 0.15),
            fill=(250, 244, 228),
        )
        draw.rectangle(
            (left + bw * 0.08, top + book_h * 0.3, left + bw * 0.14, bottom - book_h * 0.3),
            fill=(255, 255, 255, 170),
        )
        bottom = top
    # An open book resting on the stack.
    top = bottom - h * 0.18
    draw.polygon(
        [(cx, bottom), (cx - w * 0.36, bottom - h * 0.02), (cx - w * 0.34, top), (cx, top + h * 0.04)],
        fill=(255, 252, 240),
    )
    draw.polygon(
        [(cx, bottom), (cx + w * 0.36, bottom - h * 0.02), (cx + w * 0.34, top), (cx, top + h * 0.04)],
        fill=(248, 244, 230),
    )
    for i in range(1, 4):
        ly = top + h * 0.04 * i
        draw.line((cx - w * 0.29, ly, cx - w * 0.05, ly + h * 0.015), fill=(180, 180, 200), width=3)
        draw.line((cx + w * 0.05, ly + h * 0.015, cx + w * 0.29, ly), fill=(180, 180, 200), width=3)
    draw.line((cx, top + h * 0.04, cx, bottom), fill=(200, 190, 170), width=3)
    # A pencil standing beside the books.
    px = x0 + w * 0.06
    draw.rectangle((px, y0 + h * 0.3, px + w * 0.05, y1 - h * 0.12), fill=(249, 200, 40))
    draw.polygon(
        [(px, y1 - h * 0.12), (px + w * 0.05, y1 - h * 0.12), (px + w * 0.025, y1 - h * 0.04)],
        fill=(240, 210, 170),
    )
    draw.rectangle((px, y0 + h * 0.26, px + w * 0.05, y0 + h * 0.3), fill=(236, 112, 140))


def _draw_flag(layer, box, rng, accent):
    draw = ImageDraw.Draw(layer, "RGBA")
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    pole_x = x0 + w * 0.22
    draw.ellipse((pole_x - w * 0.02, y0, pole_x + w * 0.02, y0 + w * 0.04), fill=(230, 180, 40))
    draw.rectangle(
        (pole_x - w * 0.008, y0 + w * 0.03, pole_x + w * 0.008, y1 - h * 0.04), fill=(120, 120, 130)
    )
    draw.rounded_rectangle(
        (pole_x - w * 0.09, y1 - h * 0.06, pole_x + w * 0.09, y1), radius=h * 0.015, fill=(90, 90, 100)
    )
    # A waving flag: top and bottom edges follow the same sine wave.
    fw, fh = w * 0.68, h * 0.42
    top = y0 + h * 0.08
    phase = rng.uniform(0, math.pi)
    steps = 40
    upper, lower = [], []
    for i in range(steps + 1):
        t = i / steps
        dy = math.sin(t * math.pi * 2 + phase) * fh * 0.06 * t
        upper.append((pole_x + t * fw, top + dy))
        lower.append((pole_x + t * fw, top + fh + dy))
    draw.polygon(upper + lower[::-1], fill=_RED)
    mid = steps // 2
    star_x, star_y = pole_x + fw / 2, (upper[mid][1] + lower[mid][1]) / 2
    draw.polygon(_star_points(star_x, star_y, fh * 0.3), fill=_YELLOW)


def _draw_sport(layer, box, rng, accent):
    draw = ImageDraw.Draw(layer, "RGBA")
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    r = min(w, h) * 0.34
    cx, cy = (x0 + x1) / 2 + w * 0.06, y0 + h * 0.5
    draw.ellipse((cx - r * 0.85, cy + r * 1.08, cx + r * 0.85, cy + r * 1.28), fill=(0, 0, 0, 45))
    colours = [(231, 76, 60), _WHITE, (52, 152, 219), _WHITE, (241, 196, 15), _WHITE]
    start = rng.uniform(0, 60)
    for i, colour in enumerate(colours):
        draw.pieslice((cx - r, cy - r, cx + r, cy + r), start + i * 60, start + (i + 1) * 60, fill=colour)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(60, 60, 80), width=max(2, round(r * 0.03)))
    draw.ellipse((cx - r * 0.14, cy - r * 0.14, cx + r * 0.14, cy + r * 0.14), fill=(240, 240, 240))
    draw.ellipse((cx - r * 0.6, cy - r * 0.7, cx - r * 0.25, cy - r * 0.45), fill=(255, 255, 255, 110))
    # Motion lines behind the ball.
    for i in range(3):
        ly = cy - r * 0.5 + i * r * 0.5
        draw.line(
            (x0 + w * 0.02, ly, cx - r * 1.15, ly), fill=(255, 255, 255, 200), width=max(3, round(r * 0.05))
        )


def _draw_art(layer, box, rng, accent):
    draw = ImageDraw.Draw(layer, "RGBA")
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    px0, py0, px1, py1 = x0 + w * 0.05, y0 + h * 0.2, x1 - w * 0.05, y1 - h * 0.1
    draw.ellipse((px0, py0, px1, py1), fill=(236, 204, 160))
    pw, ph = px1 - px0, py1 - py0
    # Thumb hole: punch through to transparency (blending cannot erase, so edit the alpha channel).
    hx, hy = px0 + pw * 0.22, py0 + ph * 0.6
    alpha = layer.getchannel("A")
    ImageDraw.Draw(alpha).ellipse((hx - pw * 0.07, hy - ph * 0.1, hx + pw * 0.07, hy + ph * 0.1), fill=0)
    layer.putalpha(alpha)
    paints = [(231, 76, 60), (241, 196, 15), (52, 152, 219), (46, 204, 113), (155, 89, 182), (230, 126, 34)]
    rng.shuffle(paints)
    spots = [(0.35, 0.25), (0.55, 0.2), (0.74, 0.3), (0.82, 0.55), (0.65, 0.75), (0.45, 0.78)]
    for (sx, sy), colour in zip(spots, paints, strict=True):
        r = ph * rng.uniform(0.08, 0.11)
        cx, cy = px0 + pw * sx, py0 + ph * sy
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
    # A brush lying across the palette.
    bx0, by0, bx1, by1 = x0 + w * 0.2, y0 + h * 0.02, x0 + w * 0.62, y0 + h * 0.5
    draw.line((bx0, by0, bx1, by1), fill=(150, 95, 55), width=round(w * 0.03))
    fx, fy = bx1 - (bx1 - bx0) * 0.12, by1 - (by1 - by0) * 0.12
    draw.line((fx, fy, bx1, by1), fill=(190, 190, 200), width=round(w * 0.036))
    tip = (bx1 + (bx1 - bx0) * 0.1, by1 + (by1 - by0) * 0.1)
    draw.line((bx1, by1, *tip), fill=paints[0], width=round(w * 0.032))


def _draw_tree(layer, box, rng, accent):
    draw = ImageDraw.Draw(layer, "RGBA")
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cx = (x0 + x1) / 2
    ground = y1 - h * 0.05
    draw.ellipse((x0 + w * 0.05, ground - h * 0.05, x1 - w * 0.05, ground + h * 0.05), fill=(112, 178, 92))
    trunk_top = y0 + h * 0.5
    draw.polygon(
        [
            (cx - w * 0.07, ground),
            (cx - w * 0.035, trunk_top),
            (cx + w * 0.035, trunk_top),
            (cx + w * 0.07, ground),
        ],
        fill=(125, 82, 52),
    )
    draw.line(
        (cx, trunk_top + h * 0.12, cx + w * 0.16, trunk_top - h * 0.02),
        fill=(125, 82, 52),
        width=round(w * 0.025),
    )
    greens = [(46, 139, 87), (60, 165, 90), (88, 185, 95)]
    crown = [
        (0, 0.28, 0.24),
        (-0.2, 0.36, 0.18),
        (0.2, 0.36, 0.18),
        (-0.12, 0.18, 0.17),
        (0.13, 0.17, 0.17),
        (0, 0.42, 0.16),
    ]
    for i, (dx, dy, r) in enumerate(crown):
        ccx, ccy, rr = cx + dx * w, y0 + dy * h, r * min(w, h)
        draw.ellipse((ccx - rr, ccy - rr, ccx + rr, ccy + rr), fill=greens[i % 3])
    blossom = rng.choice([(255, 160, 190), (250, 110, 80), (255, 230, 120)])
    for _ in range(18):
        a, d = rng.uniform(0, math.tau), rng.uniform(0, 0.33) * min(w, h)
        bx, by = cx + math.cos(a) * d * 1.2, y0 + h * 0.3 + math.sin(a) * d
        r = min(w, h) * 0.018
        draw.ellipse((bx - r, by - r, bx + r, by + r), fill=blossom)


def _draw_star(layer, box, rng, accent):
    draw = ImageDraw.Draw(layer, "RGBA")
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2 + h * 0.03
    r = min(w, h) * 0.4
    draw.polygon(_star_points(cx, cy, r * 1.04), fill=(214, 150, 20))
    draw.polygon(_star_points(cx, cy, r), fill=(255, 206, 60))
    # Lighter half of each arm for a folded-paper look.
    for i in range(5):
        a_out = math.radians(-90 + i * 72)
        a_in = math.radians(-90 + i * 72 + 36)
        draw.polygon(
            [
                (cx, cy),
                (cx + r * math.cos(a_out), cy + r * math.sin(a_out)),
                (cx + r * 0.382 * math.cos(a_in), cy + r * 0.382 * math.sin(a_in)),
            ],
            fill=(255, 226, 120),
        )
    for _ in range(6):
        sr = r * rng.uniform(0.08, 0.16)
        sx = rng.choice([rng.uniform(x0, cx - r * 0.9), rng.uniform(cx + r * 0.9, x1)])
        sy = rng.uniform(y0 + sr, y1 - sr)
        draw.polygon(
            _star_points(sx, sy, sr, sr * 0.3, rotation=rng.uniform(0, 72)), fill=(255, 255, 255, 230)
        )


_DRAWINGS = {
    "school": _draw_school,
    "books": _draw_books,
    "flag": _draw_flag,
    "sport": _draw_sport,
    "art": _draw_art,
    "tree": _draw_tree,
    "star": _draw_star,
}


def _draw_motif(canvas, motif, box, rng, accent):
    """Draw the motif on its own layer and lay it on the canvas with a soft drop shadow."""
    layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    _DRAWINGS[motif](layer, box, rng, accent)
    shift = round(canvas.size[1] * 0.012)
    alpha = layer.getchannel("A").point(lambda a: a * 45 // 255)
    shadow = Image.new("RGBA", canvas.size, (20, 30, 60, 0))
    shadow.putalpha(alpha)
    shadow = shadow.filter(ImageFilter.GaussianBlur(canvas.size[1] * 0.012))
    canvas.alpha_composite(shadow, (shift, shift))
    canvas.alpha_composite(layer)


def _text_width(font, text):
    return font.getlength(text)


def _wrap(text, font, max_width):
    """Greedy word wrap; a single word wider than the line is kept whole."""
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and _text_width(font, candidate) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _fit_title(title, max_width, start_size, min_size):
    """The largest font size (down to ``min_size``) that fits the title in ``_MAX_LINES`` lines."""
    size = start_size
    while True:
        font = _font(size)
        lines = _wrap(title, font, max_width)
        fits = len(lines) <= _MAX_LINES and all(_text_width(font, line) <= max_width for line in lines)
        if fits or size <= min_size:
            break
        size = max(min_size, round(size * 0.92))
    if len(lines) > _MAX_LINES:
        lines = lines[:_MAX_LINES]
        last = lines[-1]
        while last and _text_width(font, last + "…") > max_width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last + "…"
    return font, size, lines


def _draw_title_panel(canvas, title, panel_box, accent):
    """A rounded, nearly white panel with a small school label and the wrapped title."""
    x0, y0, x1, y1 = panel_box
    h = canvas.size[1]
    pad = h * 0.045
    bar = h * 0.014
    text_x = x0 + pad + bar * 2
    max_width = x1 - pad - text_x
    font, size, lines = _fit_title(title, max_width, round(h * 0.075), round(h * 0.038))
    label_size = max(8, round(min(size * 0.42, h * 0.03)))
    label_font = _font(label_size)
    line_h = size * 1.3
    content_h = label_size * 1.9 + line_h * len(lines)
    top = max(y0, (y0 + y1) / 2 - (content_h + 2 * pad) / 2)
    bottom = min(y1, top + content_h + 2 * pad)

    panel = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(panel)
    draw.rounded_rectangle((x0, top, x1, bottom), radius=h * 0.035, fill=(255, 255, 255, 228))
    draw.rounded_rectangle((x0 + pad, top + pad, x0 + pad + bar, bottom - pad), radius=bar / 2, fill=accent)
    draw.text((text_x, top + pad), LABEL, font=label_font, fill=accent + (255,), anchor="la")
    baseline = top + pad + label_size * 1.9 + size * 1.02
    for line in lines:
        draw.text((text_x, baseline), line, font=font, fill=_TEXT + (255,), anchor="ls")
        baseline += line_h
    canvas.alpha_composite(panel)


def make_image(title, motif, seed, size=(1200, 675)):
    """Return JPEG bytes of a ``size`` illustration for ``title`` with the drawing for ``motif``.

    ``motif`` is one of ``MOTIFS``; ``seed`` (any value with a stable ``repr``, e.g. an int or a str)
    picks the palette and small variations. Deterministic: the same arguments give the same bytes.
    """
    if motif not in _DRAWINGS:
        raise ValueError(f"unknown motif {motif!r}; choose one of {', '.join(MOTIFS)}")
    width, height = (int(v) for v in size)
    if width < 16 or height < 16:
        raise ValueError("image size must be at least 16×16 pixels")
    title = unicodedata.normalize("NFC", " ".join(str(title).split()))
    rng = _rng(seed)
    start, end, accent = PALETTES[rng.randrange(len(PALETTES))]
    if rng.random() < 0.5:
        start, end = end, start

    big = (width * _SUPERSAMPLE, height * _SUPERSAMPLE)
    bw, bh = big
    canvas = _gradient(big, start, end, rng).convert("RGBA")
    _decorate(canvas, rng)

    if bw >= bh * 1.2:  # landscape: title on the left, drawing on the right
        art_box = (bw * 0.6, bh * 0.12, bw * 0.95, bh * 0.9)
        panel_box = (bw * 0.05, bh * 0.1, bw * 0.57, bh * 0.9)
    else:  # square or portrait: drawing above, title below
        art_box = (bw * 0.2, bh * 0.06, bw * 0.8, bh * 0.52)
        panel_box = (bw * 0.06, bh * 0.56, bw * 0.94, bh * 0.95)
    _draw_motif(canvas, motif, art_box, rng, accent)
    _draw_title_panel(canvas, title, panel_box, accent)

    image = canvas.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=88, optimize=True)
    return out.getvalue()
