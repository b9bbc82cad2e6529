"""Spelling families of the names that are common in this population.

Common names are where two different people collide most often, and where a generic phonetic
key is least able to tell them apart (Mohammed and Mahmoud share one consonant skeleton). So
each family below is one name, and two different families are two different names, however
alike they sound. Rare names are left to the phonetic key and string similarity.
"""

# canonical: spellings met in German, English, French and Turkish files (folded to a-z)
FAMILIES: dict[str, tuple[str, ...]] = {
    "muhammad": (
        "mohammed mohammad mohamed mohamad muhammed muhamed muhamad mohamud mohammod mhd "
        "mohd mohd mouhamed mouhammad mehmet mehmed maxamed mahomed mohamet mohammet"
    ).split(),
    "ahmad": "ahmed ahmet achmed achmad ahmat axmed".split(),
    "mahmud": "mahmoud mahmood mahmut machmud mahmod".split(),
    "hussein": "husein hussain husain hossein hosein huseyin husseyn hussayn husayn".split(),
    "husseini": "hosseini husseini husaini hussaini hoseini".split(),
    "hassan": "hasan hassen hasen xasan".split(),
    "hasani": "hassani".split(),
    "ali": "aly aliy".split(),
    "omar": "umar omer oumar".split(),
    "othman": "osman uthman usman othmane outhman".split(),
    "yusuf": "yousef youssef yousif yusef yussuf jusuf josef yosef yousuf yusif joussef".split(),
    "ibrahim": "ebrahim ibraheem ibragim brahim".split(),
    "ismail": "ismael esmail ismayil smail".split(),
    "mustafa": "mostafa moustafa mustapha mostapha mustefa".split(),
    "khalid": "khaled chalid chaled haled halid xalid".split(),
    "fatima": "fatma fatema fatemeh fatimah fadumo faatima fatime".split(),
    "zainab": "zeinab zaynab zeynab zeynep zenab sainab".split(),
    "maryam": "mariam meryem miriam mariyam maryem maryan".split(),
    "aisha": "aysha aischa ayse aicha aysa aishah".split(),
    "khadija": "khadijah khadidja hadija hatice kadija khadijo hadiza chadidscha".split(),
    "amina": "aminah amineh amino emine".split(),
    "nur": "nour noor nuur".split(),
    "jamal": "djamal gamal cemal dschamal jamaal".split(),
    "jafar": "jaafar djafar dschafar cafer jaffar".split(),
    "karim": "kareem kerim karem".split(),
    "rashid": "rachid rasheed reshid raschid".split(),
    "walid": "waleed valid velid".split(),
    "yasin": "yassin yaseen jassin jasin yassine".split(),
    "yunus": "younes younis yunes younus".split(),
    "dawud": "dawood daoud dawoud davud daud dawod".split(),
    "sulaiman": "suleiman soliman suleyman sleiman slimane sulayman".split(),
    "musa": "moussa mousa mussa".split(),
    "isa": "issa eisa".split(),
    "yahya": "yahia yehia yahja".split(),
    "zakaria": "zakariya zakariyya sakaria zakarya".split(),
    "tariq": "tarek tarik tareq".split(),
    "samir": "sameer semir".split(),
    "nasser": "naser nasir nassir".split(),
    "mansur": "mansour mansoor".split(),
    "haidar": "hayder heidar haydar haider".split(),
    "jawad": "javad djawad".split(),
    "mahdi": "mehdi".split(),
    "reza": "rida reda riza resa".split(),
    "sadiq": "sadegh sadek sadik".split(),
    "ghulam": "gholam golam gulam".split(),
    "leila": "layla laila leyla lejla".split(),
    "zahra": "sahra zahraa".split(),
    "sara": "sarah".split(),
    "halima": "halimo halime".split(),
    "saeed": "said saied saeid".split(),
    "sayed": "sayyid sayyed seyed seyyed sayid".split(),
    "yohannes": "johannes yohanes yohanis".split(),
    "tesfay": "tesfaye tesfai".split(),
    "haile": "hayle".split(),
    "berhane": "birhane berhan".split(),
    "oleksandr": "olexandr aleksandr alexander alexandr oleksander".split(),
    "mykola": "nikolai nikolay mikola nikolaj".split(),
    "serhii": "serhiy sergei sergey sergii sergiy sergej".split(),
    "andrii": "andriy andrei andrey andrej".split(),
    "oleksii": "aleksei alexei alexey oleksiy alexej aleksej".split(),
    "dmytro": "dmitri dmitry dmitrij dmitriy".split(),
    "yurii": "yuri yuriy juri jurij".split(),
    "volodymyr": "vladimir wolodymyr wladimir".split(),
    "olena": "elena jelena helena".split(),
    # German transliteration of Russian (je, ja, ju, sch, tsch, w) beside the Ukrainian forms
    "kateryna": "katerina jekaterina ekaterina yekaterina".split(),
    "maksym": "maxim maksim".split(),
    "viktor": "wiktor victor".split(),
    "svitlana": "swetlana svetlana".split(),
    "liudmyla": "ljudmyla ludmila lyudmila ljudmila".split(),
    "halyna": "galina halina".split(),
    "olha": "olga olja".split(),
    "anastasiia": "anastasia anastasija".split(),
    "mariia": "maria marija".split(),
    "viktoriia": "viktoria wiktorija victoria".split(),
    "tetiana": "tatiana tatjana tetyana tatyana".split(),
    "nataliia": "natalia nataliya natalja natalya natalija".split(),
    "iryna": "irina".split(),
    "yuliia": "yulia julia julija yuliya".split(),
    "giorgi": "georgi giorgii".split(),
    "davit": "david".split(),
}

CANONICAL: dict[str, str] = {
    variant: canonical for canonical, variants in FAMILIES.items() for variant in variants
} | {canonical: canonical for canonical in FAMILIES}

# The same families written in their original script (folded as script.script_form folds).
SCRIPT_CANONICAL: dict[str, str] = {
    "محمد": "muhammad", "احمد": "ahmad", "محمود": "mahmud", "حسين": "hussein", "حسن": "hassan",
    "حسيني": "husseini", "علي": "ali", "عمر": "omar", "عثمان": "othman", "يوسف": "yusuf",
    "ابراهيم": "ibrahim", "اسماعيل": "ismail", "مصطفي": "mustafa", "خالد": "khalid",
    "فاطمه": "fatima", "زينب": "zainab", "مريم": "maryam", "عائشه": "aisha", "خديجه": "khadija",
    "امينه": "amina", "نور": "nur", "جمال": "jamal", "جعفر": "jafar", "كريم": "karim",
    "رشيد": "rashid", "وليد": "walid", "ياسين": "yasin", "يونس": "yunus", "داود": "dawud",
    "سليمان": "sulaiman", "موسي": "musa", "عيسي": "isa", "يحيي": "yahya", "طارق": "tariq",
    "سمير": "samir", "ناصر": "nasser", "منصور": "mansur", "حيدر": "haidar", "جواد": "jawad",
    "مهدي": "mahdi", "رضا": "reza", "صادق": "sadiq", "غلام": "ghulam", "ليلي": "leila",
    "زهرا": "zahra", "زهراء": "zahra", "ساره": "sara", "حليمه": "halima", "سعيد": "saeed",
    "سيد": "sayed",
    "ዮሃንስ": "yohannes", "ተስፋይ": "tesfay", "ሃይለ": "haile", "ብርሃነ": "berhane",
    "олександр": "oleksandr", "микола": "mykola", "сергій": "serhii", "андрій": "andrii",
    "олексій": "oleksii", "дмитро": "dmytro", "юрій": "yurii", "володимир": "volodymyr",
    "олена": "olena", "тетяна": "tetiana", "наталія": "nataliia", "ірина": "iryna",
    "юлія": "yuliia", "გიორგი": "giorgi", "დავით": "davit",
}  # fmt: skip

# Words that join a name rather than being one: the article, "son of", "daughter of".
PARTICLES = frozenset(
    "al el ul ol il ar as ash at ad adh an az ath bin ben ibn bint binti ould von van de".split()
)
# "Abd" ("servant of") and "-din" ("of the faith") bind to the word next to them.
ABD_PREFIX = frozenset("abd abdu abdul abdel abdal abdol abdil abdur abder abdus abdoul".split())
DIN_SUFFIX = frozenset("din deen dine eddin eddine uddin addin aldin".split())

# Places of birth that have several names or spellings.
PLACES: dict[str, tuple[str, ...]] = {
    "aleppo": ("halab", "alep", "haleb"),
    "damascus": ("dimashq", "damaskus", "damas", "sham"),
    "homs": ("hims", "hums"),
    "mosul": ("mossul", "mawsil", "musul"),
    "baghdad": ("bagdad",),
    "deir ez zor": ("deir ezzor", "deir al zour", "dayr az zawr", "deir ezzor"),
    "al hasakah": ("hasaka", "hassakeh", "hasakah", "al hasaka"),
    "qamishli": ("kamishli", "qamishlo", "kamischli"),
    "herat": ("herat", "harat"),
    "mazar i sharif": ("mazar e sharif", "mazar", "masar e scharif"),
    "asmara": ("asmera",),
    "mogadishu": ("mogadischu", "muqdisho", "mogadiscio"),
    "kyiv": ("kiev", "kiew", "kyjiw"),
    "kharkiv": ("kharkov", "charkiw"),
    "tbilisi": ("tiflis",),
    "tehran": ("teheran",),
    "mashhad": ("maschhad", "meshed", "mashad"),
    "isfahan": ("esfahan",),
}
PLACE_CANONICAL: dict[str, str] = {
    variant: canonical for canonical, variants in PLACES.items() for variant in variants
} | {canonical: canonical for canonical in PLACES}
