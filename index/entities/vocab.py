"""Word lists the rules consult: general English news vocabulary, all lower case, no name from any article.

Each list answers one question about a word ("is it a title?", "does it end an organisation's name?"); the rules
that ask are in `rules.py`, `spans.py` and `resolve.py`.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Honorifics, written before any name ("Mr Ri", "Mr. Alexander Vorontsov", "MM. Kim and Putin"): they stay in the
# surface form whatever follows, since that is how the article names the person.
HONORIFICS = _words(
    """
    mr mrs ms miss mx dr prof sir dame lord lady mm messrs mme mmes mlle herr frau rev revd reverend hon
    gen adm col lt capt sgt maj gov sen rep cmdr brig supt insp
    """
)
# Abbreviated honorifics that take a dot ("Mr.", "MM."), for the tokenizer.
DOTTED_HONORIFICS = _words(
    """
    Mr Mrs Ms Mx Dr Prof Rev Hon Gen Adm Col Lt Capt Sgt Maj Gov Sen Rep Cmdr Brig Supt Insp St Mt Ft MM Mme Mlle
    Messrs Jr Sr Sen Pres
    """
)
# Plural honorifics name several people at once ("MM. Kim and Putin").
PLURAL_HONORIFICS = _words("mm messrs mmes")

# Job titles: before a name they make it a person ("President Putin", "Foreign Minister Ri").
TITLE_HEADS = _words(
    """
    president presidents minister ministers secretary secretary-general chancellor premier governor senator
    representative congressman congresswoman mayor ambassador envoy chairman chairwoman chairperson
    spokesman spokeswoman spokesperson leader commander admiral colonel captain lieutenant sergeant major
    king queen prince princess emperor empress pope cardinal archbishop bishop rabbi imam sheikh ayatollah sultan
    emir judge justice speaker pm fm vp ceo director dictator counterpart administrator commissioner chair founder
    coach manager
    """
)
# Words that qualify a title ("Foreign Minister", "Deputy Prime Minister", "former President").
TITLE_MODIFIERS = _words(
    """
    foreign prime vice deputy defence defense finance interior home health education trade commerce economy energy
    labour labor agriculture security homeland transport transportation culture environment industry unification
    national public information treasury economic development affairs state former acting chief supreme senior
    assistant associate executive general attorney press managing first grand crown royal science technology
    digital communications external internal international cooperation war army naval military intelligence
    emergency emergencies social welfare veterans sports tourism fisheries justice water resources natural mines
    petroleum oil housing urban rural youth family planning budget revenue customs immigration infrastructure
    european regional local federal special top high head team club late
    """
)
# Lower-case nouns that, just before a name, say it is a person ("leader Kim Jong Un", "counterpart, Sergei
# Lavrov") or, after it in an appositive, the same ("Dmitry Peskov, a spokesperson for ...").
PERSON_NOUNS = _words(
    """
    spokesperson spokesman spokeswoman leader minister president premier chancellor counterpart colleague secretary
    analyst expert specialist professor scholar researcher official director chairman chairwoman ambassador envoy
    diplomat lawmaker senator congressman congresswoman governor mayor general commander chief adviser advisor aide
    deputy founder executive economist author writer reporter correspondent journalist editor actor actress singer
    player coach manager judge lawyer attorney prosecutor candidate dictator king queen prince princess pope cleric
    activist dissident businessman businesswoman billionaire tycoon striker midfielder defender goalkeeper pitcher
    captain champion rider driver skipper batsman bowler forward guard son daughter wife husband brother sister
    father mother widow uncle aunt nephew niece cousin grandson granddaughter teammate newcomer veteran
    """
)

# The last word of an organisation's name ("... Council", "Associated Press", "White House").
ORG_SUFFIXES = _words(
    """
    council ministry department agency party institute institution university college school academy bank company
    co corp corporation inc ltd llc plc gmbh ag sa nv spa bhd group holdings fund foundation news press times post
    herald journal tribune gazette daily telegraph association organisation organization union committee
    commission court army navy force forces guard guards police service services office house assembly parliament
    congress senate cabinet government administration authority board bureau federation league coalition movement
    front church club network networks systems technologies airlines airways motors industries laboratories labs
    centre center command corps secretariat tribunal brigade brigades battalion regiment division chamber exchange
    reserve presse agence broadcasting television radio channel media kremlin pentagon ministries bancorp bancshares
    insurance securities partners capital trust petroleum energy airline railways railway pharmaceuticals
    """
)
# Organisation heads that precede "of" or "for" ("Ministry of Foreign Affairs", "Bank of Korea").
ORG_HEADS = _words(
    """
    ministry department university bank institute council committee commission court office organisation
    organization association union federation academy board bureau church college school league house chamber
    embassy agency party society centre center foundation fund museum secretariat agence federal
    """
)
# Other languages put the organisation word first ("Agence France-Presse", "Banco Santander").
FOREIGN_ORG_FIRST_WORDS = _words(
    """
    agence banco banque compagnie société societe groupe grupo instituto istituto universidad université universite
    universität universitat partido parti partito
    """
)

# Heads of political place names ("Republic of Turkmenistan" is Turkmenistan).
POLITICAL_PLACE_HEADS = _words("republic kingdom principality emirate sultanate state federation duchy")
# The last word of a place's name ("Korean Peninsula", "Demilitarized Zone", "Red Square").
PLACE_SUFFIXES = _words(
    """
    peninsula sea ocean gulf bay strait straits river lake mountains mountain hills island islands isles valley
    desert coast province region prefecture county district zone square street avenue bridge canal airport heights
    plateau basin delta strip oblast krai
    """
)
# Geographic words news writes in lower case after a name ("the Korean peninsula", "the Mekong river").
LOWER_PLACE_SUFFIXES = _words("peninsula sea ocean river strait gulf")

COMPASS_WORDS = _words(
    "north south east west northern southern eastern western central far middle near upper lower greater"
)

# Capitalised function words: never part of a name, they end a run of capitalised words.
STOP_WORDS = frozenset(
    """
    The A An This That These Those It Its It's He She They We I You His Her Their Our My Your Him Them Me Us
    But And Or Nor So Yet If When Whenever While Whilst Although Though Because As At In On Of For From To With
    Without By After Before During Since Until Till Amid Amidst Among Amongst Against Across Along Around About
    Above Below Between Beyond Despite According Meanwhile However Moreover Furthermore Also Then There Here What Who
    Whom Whose Why How Where Which Whether Some Many Much More Most Few Several Other Others Another Such Last Next
    Earlier Later Now Today Tonight Yesterday Tomorrow Like Unlike Under Over Into Onto Upon Both Each Every All Any
    No Not None Only Even Just Still Instead Perhaps Maybe Yes Thus Hence Therefore Indeed Nearly Almost Once Do Does
    Did Is Are Was Were Be Been Has Have Had Would Could Should Shall Might Must Please Read Watch Listen See Asked
    """.split()
)

WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)

# Capitalised words of page furniture, holidays and headlines: a phrase made only of these is no name.
NOT_NAME_WORDS = _words(
    """
    new year years day days eve week weekend month months century christmas easter ramadan eid thanksgiving hanukkah
    diwali halloween related edition print subscribe subscription more top back home page photo photos picture
    pictures video videos image images source sources editor editors note update updated breaking live opinion
    comment comments analysis sign login log share email newsletter advertisement sponsored copyright rights
    reserved terms privacy policy cookie cookies menu search previous next button click follow sports business
    politics science technology entertainment lifestyle travel weather online digital world international
    national local news story stories article articles read watch listen gallery podcast file files
    """
)
# Whole lines or phrases of page furniture that a model may take for names.
BOILERPLATE_PHRASES = frozenset(
    {
        "back to top", "back to top button", "related articles", "related", "print edition", "read more", "sign up",
        "top stories", "most read", "subscribe", "advertisement", "share", "share this article", "follow us",
        "click here", "more stories", "latest news", "breaking news", "editor's picks", "recommended",
        "all rights reserved", "newsletter", "sign in", "log in", "privacy policy", "terms of use",
    }
)  # fmt: skip

# All-caps words that look like acronyms but are page furniture, units or times.
NOT_ACRONYMS = frozenset(
    """
    PHOTO PHOTOS VIDEO NEWS READ MORE UPDATE UPDATED LIVE WATCH FILE OPINION TV AM PM GMT UTC EST EDT CET BST OK AD
    BC CE BCE ID FAQ PDF URL HTML USD EUR GBP JPY KM KG MW GW BN MLN CEO CFO COO CTO GDP CPI VAT IPO ETF FY QTR
    EPS NB PS RIP LOL OMG AKA ASAP DIY TBA TBC FYI IT NO SO IN ON AT TO OF BY I II III IV VI VII VIII IX XI XII
    """.split()
)

# Lower-case words that may sit inside a name ("Bank of Korea", "Ludwig van Beethoven", "Osama bin Laden").
CONNECTORS = _words("of the for and de du da di do dos das del della der den ten ter van von bin ibn la le al y")
# Connectors at which a run may be cut into separate names; the others are particles inside personal names.
SPLITTING_CONNECTORS = _words("of the for and")
# Function words an acronym skips ("DPRK" for "Democratic People's Republic of Korea").
INITIALS_SKIP = _words("of the and for in on at to & de du des la le el y")

# Collective nouns whose possessive belongs to a name ("Democratic People's Republic", "Workers' Party").
COLLECTIVE_POSSESSIVES = _words("people children women men workers veterans farmers citizens nations students")

# Words of photo and reporting credits ("PHOTO AGENCY KCNA BY REUTERS", "Additional reporting by ...").
CREDIT_WORDS = _words(
    """
    photo photos photograph photographs photographer picture pictures image images video file handout pool by via
    agency agencies credit credits courtesy source sources staff additional reporting reported writing editing
    compiled contributed with and from wire wires
    """
)

# Family names of Korea, China and Vietnam, which come first ("Kim Jong Un", "Ri Yong-ho", "Xi Jinping", "Nguyen Phu
# Trong"): before one or two short syllables they make a person, whatever a model says.
EAST_ASIAN_SURNAMES = frozenset(
    """
    Kim Lee Yi Ri Rhee Park Pak Choi Choe Jung Jeong Chung Kang Cho Jo Yoon Yun Jang Chang Lim Im Han Oh Seo Suh
    Shin Sin Kwon Hwang Ahn Song Jeon Chun Hong Ko Moon Mun Yang Son Bae Baek Paik Heo Hur Yoo Yu Nam Noh Roh Ha
    Kwak Sung Cha Joo Ju Woo Min Ryu Na Jin Ji Eom Um Chae Won Pyo Hyun Byun Yeo Ban Tak Ryang Kye Pyon
    Wang Li Zhang Liu Chen Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Zheng Liang Xie Tang Cao Deng
    Xiao Feng Cheng Cai Peng Pan Yuan Dong Su Ye Lu Wei Jiang Tian Du Ding Shen Fan Fu Zhong Dai Cui Ren Qin Xi Bo
    Mao Hua Kong Lai Lam Leung Wong Chan Cheung Ho Ng Tsang Chow Lau Kwok Tse Tsai Hsieh Chiang Kuo Teo Goh Tan Lim
    Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Ngo Duong Ly To
    """.split()
)

# Last words of events, which are names but neither people, organisations nor places ("Hong Kong Open", "Davis
# Cup", "World Series"); a phrase ending in one is no entity here.
EVENT_WORDS = _words(
    """
    open cup championship championships series games olympics olympiad tournament classic prix trophy marathon
    festival awards derby grand-prix masters invitational rally regatta biennale expo
    """
)

# Company forms: a name's last word, never a name alone ("Inc", "Corp").
CORPORATE_FORMS = _words("inc corp co ltd llc plc gmbh ag sa nv spa bhd group holdings limited")

# Plurals naming members of a party or movement, which are no entity any more than "Russians" is ("Democrats",
# "House Republicans", "Tories").
GROUP_PLURALS = _words(
    """
    democrats republicans conservatives tories liberals socialists communists greens nationalists separatists
    islamists loyalists royalists labourites maoists marxists leftists rightists unionists federalists
    """
)
