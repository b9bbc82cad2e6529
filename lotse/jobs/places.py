"""Where a Gemeinde lies, for the distance between a person's home and a place of work.

The reference data hold no coordinates of the Gemeinden yet, so the matching takes them from
this table: a Gemeinde by its official key (AGS), else by its name among the larger towns of
Baden-Württemberg, else the seat of its Kreis (by the Kreisschlüssel, the first five digits of
the AGS). Coordinates are those of the town centre, rounded to about 100 m; the distance is the
great circle between them (lotse.jobs.matching), not the way by road.
"""

from lotse.jobs.matching import Place

# The seat of each Stadt- and Landkreis (Kreisschlüssel → latitude, longitude).
KREIS_SEATS: dict[str, tuple[float, float]] = {
    "08111": (48.7758, 9.1829),  # Stuttgart
    "08115": (48.6833, 9.0167),  # Böblingen
    "08116": (48.7406, 9.3108),  # Esslingen am Neckar
    "08117": (48.7025, 9.6521),  # Göppingen
    "08118": (48.8975, 9.1922),  # Ludwigsburg
    "08119": (48.8303, 9.3169),  # Waiblingen (Rems-Murr-Kreis)
    "08121": (49.1427, 9.2109),  # Heilbronn
    "08125": (49.1427, 9.2109),  # Heilbronn (Landkreis)
    "08126": (49.2817, 9.6903),  # Künzelsau (Hohenlohekreis)
    "08127": (49.1122, 9.7375),  # Schwäbisch Hall
    "08128": (49.6225, 9.6628),  # Tauberbischofsheim (Main-Tauber-Kreis)
    "08135": (48.6761, 10.1544),  # Heidenheim an der Brenz
    "08136": (48.8378, 10.0933),  # Aalen (Ostalbkreis)
    "08211": (48.7606, 8.2398),  # Baden-Baden
    "08212": (49.0069, 8.4037),  # Karlsruhe
    "08215": (49.0069, 8.4037),  # Karlsruhe (Landkreis)
    "08216": (48.8581, 8.2039),  # Rastatt
    "08221": (49.3988, 8.6724),  # Heidelberg
    "08222": (49.4875, 8.4660),  # Mannheim
    "08225": (49.3522, 9.1456),  # Mosbach (Neckar-Odenwald-Kreis)
    "08226": (49.3988, 8.6724),  # Heidelberg (Rhein-Neckar-Kreis)
    "08231": (48.8922, 8.6946),  # Pforzheim
    "08235": (48.7147, 8.7400),  # Calw
    "08236": (48.8922, 8.6946),  # Pforzheim (Enzkreis)
    "08237": (48.4633, 8.4111),  # Freudenstadt
    "08311": (47.9990, 7.8421),  # Freiburg im Breisgau
    "08315": (47.9990, 7.8421),  # Freiburg (Breisgau-Hochschwarzwald)
    "08316": (48.1211, 7.8492),  # Emmendingen
    "08317": (48.4708, 7.9408),  # Offenburg (Ortenaukreis)
    "08325": (48.1681, 8.6250),  # Rottweil
    "08326": (48.0620, 8.4936),  # Villingen-Schwenningen (Schwarzwald-Baar-Kreis)
    "08327": (47.9847, 8.8178),  # Tuttlingen
    "08335": (47.6779, 9.1732),  # Konstanz
    "08336": (47.6156, 7.6614),  # Lörrach
    "08337": (47.6233, 8.2144),  # Waldshut-Tiengen
    "08415": (48.4914, 9.2043),  # Reutlingen
    "08416": (48.5216, 9.0576),  # Tübingen
    "08417": (48.2753, 8.8505),  # Balingen (Zollernalbkreis)
    "08421": (48.4011, 9.9876),  # Ulm
    "08425": (48.4011, 9.9876),  # Ulm (Alb-Donau-Kreis)
    "08426": (48.0986, 9.7878),  # Biberach an der Riß
    "08435": (47.6500, 9.4800),  # Friedrichshafen (Bodenseekreis)
    "08436": (47.7818, 9.6107),  # Ravensburg
    "08437": (48.0867, 9.2164),  # Sigmaringen
}

# Gemeinden by AGS (those of the demo region).
GEMEINDEN: dict[str, tuple[float, float]] = {
    "08118048": (48.8975, 9.1922),  # Ludwigsburg
    "08317096": (48.4708, 7.9408),  # Offenburg
    "08415061": (48.4914, 9.2043),  # Reutlingen
    "08416041": (48.5216, 9.0576),  # Tübingen
}

# Larger towns by name (a Gemeinde recorded without its official key, an address's place).
TOWNS: dict[str, tuple[float, float]] = {
    "Tübingen": (48.5216, 9.0576),
    "Rottenburg am Neckar": (48.4772, 8.9342),
    "Mössingen": (48.4064, 9.0575),
    "Reutlingen": (48.4914, 9.2043),
    "Metzingen": (48.5367, 9.2858),
    "Pfullingen": (48.4656, 9.2261),
    "Ludwigsburg": (48.8975, 9.1922),
    "Bietigheim-Bissingen": (48.9667, 9.1333),
    "Kornwestheim": (48.8614, 9.1850),
    "Offenburg": (48.4708, 7.9408),
    "Lahr/Schwarzwald": (48.3392, 7.8733),
    "Kehl": (48.5711, 7.8153),
    "Achern": (48.6314, 8.0739),
    "Stuttgart": (48.7758, 9.1829),
    "Mannheim": (49.4875, 8.4660),
    "Karlsruhe": (49.0069, 8.4037),
    "Freiburg im Breisgau": (47.9990, 7.8421),
    "Heidelberg": (49.3988, 8.6724),
    "Ulm": (48.4011, 9.9876),
    "Heilbronn": (49.1427, 9.2109),
    "Pforzheim": (48.8922, 8.6946),
    "Esslingen am Neckar": (48.7406, 9.3108),
    "Böblingen": (48.6833, 9.0167),
    "Sindelfingen": (48.7133, 9.0028),
    "Balingen": (48.2753, 8.8505),
    "Konstanz": (47.6779, 9.1732),
}


def place_of(*, ags: str = "", name: str = "", kreis_code: str = "") -> Place | None:
    """The coordinates of a Gemeinde or a town, None when nothing is known of it."""
    found = GEMEINDEN.get(ags) or TOWNS.get(name.strip())
    if found is None:
        found = KREIS_SEATS.get(kreis_code or ags[:5])
    return Place(*found) if found else None
