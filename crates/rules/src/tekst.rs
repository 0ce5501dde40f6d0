//! Explanations as text: precise for caseworkers, plain Dutch (B1) for
//! residents, and JSON. Each step code has two templates; `{uitkomst}` and
//! `{naam}` of an input are filled in.

use crate::Berekening;
use crate::uitleg::{Grootheid, Stap, Uitleg};
use serde_json::{Map, Value, json};

/// (caseworker text, resident text) per step code.
fn sjablonen(code: &str) -> (&'static str, &'static str) {
    match code {
        "persoon.aanvrager" => (
            "Aanvrager: geboren {geboortedatum}, {leeftijd} jaar op de peildatum; leeftijdsgroep {uitkomst}.",
            "U bent {leeftijd} jaar.",
        ),
        "persoon.partner" => (
            "Partner: geboren {geboortedatum}, {leeftijd} jaar; leeftijdsgroep {uitkomst}.",
            "Uw partner is {leeftijd} jaar.",
        ),
        "persoon.kinderen" => (
            "Kinderen jonger dan 18 in het huishouden: {uitkomst} (jongste {jongste} jaar).",
            "Aantal kinderen jonger dan 18 bij u thuis: {uitkomst}.",
        ),
        "kostendeler.kind_27_plus" => (
            "Meerderjarig kind van {leeftijd} jaar woont thuis en telt als kostendeler.",
            "Uw kind van {leeftijd} jaar woont bij u. Daarom deelt u de kosten.",
        ),
        "kostendeler.medebewoner" => (
            "Medebewoner van {leeftijd} jaar telt als kostendeler: {uitkomst} ({reden}).",
            "Iemand van {leeftijd} jaar woont bij u. Telt mee voor de kosten: {uitkomst}.",
        ),
        "kostendelersnorm.toepassen" => (
            "Kostendelersnorm toegepast: {uitkomst} ({kostendelers} kostendelende medebewoners; mantelzorg elders: {mantelzorg}).",
            "Bij u wonen volwassenen die meetellen voor de kosten: {kostendelers}. Daarom krijgt u de kostendelersnorm: {uitkomst}.",
        ),
        "kostendelersnorm.mantelzorg" => (
            "Geen kostendelersnorm: tijdelijk elders wonen om mantelzorg te geven ({kostendelers} kostendelende medebewoners).",
            "U woont tijdelijk ergens anders om voor iemand te zorgen. Daarom telt het delen van de kosten niet mee.",
        ),
        "kostendelersnorm.per_persoon" => (
            "Kostendelersnorm per persoon: {procent} van B = {B} met A = {A}: {uitkomst}.",
            "U deelt de kosten met anderen (samen {A} personen). Per persoon is de norm {uitkomst}.",
        ),
        "kostendelersnorm.gehuwden" => (
            "Kostendelersnorm voor beide echtgenoten: 2 × {per_persoon} = {uitkomst}.",
            "Voor u en uw partner samen is de norm {uitkomst}.",
        ),
        "norm.18_20_alleenstaande" => (
            "Norm alleenstaande 18 tot 21 jaar: {uitkomst}.",
            "U bent jonger dan 21 en woont alleen. Uw norm is {uitkomst} per maand.",
        ),
        "norm.18_20_alleenstaande_ouder" => (
            "Norm alleenstaande ouder 18 tot 21 jaar: {uitkomst}.",
            "U bent jonger dan 21 en woont alleen met uw kind(eren). Uw norm is {uitkomst} per maand.",
        ),
        "norm.toeslag_20_3" => (
            "Jongerennorm {jongerennorm} plus aanvulling {toeslag}, ten hoogste {maximum}: {uitkomst}.",
            "Uw ouders kunnen u niet helpen. Daarom krijgt u meer: {uitkomst} per maand.",
        ),
        "norm.toeslag_20_3_niet_van_kracht" => (
            "Aanvulling art. 20 lid 3 gold nog niet op de peildatum; norm blijft {uitkomst}.",
            "De extra toeslag voor jongeren bestond toen nog niet.",
        ),
        "norm.21_alleenstaande" => (
            "Norm alleenstaande of alleenstaande ouder, 21 jaar tot AOW-leeftijd: {uitkomst}.",
            "U woont alleen (of alleen met uw kinderen). Uw norm is {uitkomst} per maand.",
        ),
        "norm.21_gehuwden" => (
            "Norm gehuwden, beiden 21 jaar tot AOW-leeftijd: {uitkomst}.",
            "U woont samen met uw partner. Uw norm samen is {uitkomst} per maand.",
        ),
        "norm.18_20_gehuwden_zonder_kinderen" => (
            "Norm gehuwden, beiden 18 tot 21 jaar, zonder kinderen: {uitkomst}.",
            "U en uw partner zijn jonger dan 21. Uw norm samen is {uitkomst} per maand.",
        ),
        "norm.18_20_gehuwden_met_kinderen" => (
            "Norm gehuwden, beiden 18 tot 21 jaar, met kinderen: {uitkomst}.",
            "U en uw partner zijn jonger dan 21 en hebben kinderen. Uw norm samen is {uitkomst} per maand.",
        ),
        "norm.gemengd_zonder_kinderen" => (
            "Norm gehuwden, één 18 tot 21 en één 21 of ouder, zonder kinderen: {uitkomst}.",
            "Eén van u is jonger dan 21. Uw norm samen is {uitkomst} per maand.",
        ),
        "norm.gemengd_met_kinderen" => (
            "Norm gehuwden, één 18 tot 21 en één 21 of ouder, met kinderen: {uitkomst}.",
            "Eén van u is jonger dan 21 en u heeft kinderen. Uw norm samen is {uitkomst} per maand.",
        ),
        "norm.aow_alleenstaande" => (
            "Norm alleenstaande met AOW-leeftijd: {uitkomst}.",
            "U heeft de AOW-leeftijd. Uw norm is {uitkomst} per maand.",
        ),
        "norm.aow_gehuwden" => (
            "Norm gehuwden, AOW-leeftijd: {uitkomst}.",
            "U heeft de AOW-leeftijd en woont samen. Uw norm samen is {uitkomst} per maand.",
        ),
        "norm.aow_gehuwden_een_partner" => (
            "Norm gehuwden, één echtgenoot met AOW-leeftijd: {uitkomst}.",
            "Eén van u heeft de AOW-leeftijd. Uw norm samen is {uitkomst} per maand.",
        ),
        "norm.22a3_jongere_partner_zonder_kinderen" => (
            "Deel van de jongere partner (18 tot 21) bij kostendelers, zonder kinderen: {uitkomst}.",
            "Voor uw partner jonger dan 21 komt er {uitkomst} bij.",
        ),
        "norm.22a3_jongere_partner_met_kinderen" => (
            "Deel van de jongere partner (18 tot 21) bij kostendelers, met kinderen: {uitkomst}.",
            "Voor uw partner jonger dan 21 komt er {uitkomst} bij.",
        ),
        "norm.inrichting_alleenstaande" => (
            "Norm in een inrichting, alleenstaande (art. 23-1): {uitkomst}.",
            "U woont in een instelling. De norm is {uitkomst} per maand.",
        ),
        "norm.inrichting_gehuwden" => (
            "Norm in een inrichting, gehuwden (art. 23-1): {uitkomst}.",
            "U woont allebei in een instelling. De norm voor u samen is {uitkomst} per maand.",
        ),
        "norm.inrichting_verhoging" => (
            "Verhoging in een inrichting (art. 23-2): norm {norm} + {verhoging} = {uitkomst}.",
            "In een instelling komt er {verhoging} bij. Samen is dat {uitkomst} per maand.",
        ),
        "norm.inrichting_een_echtgenoot" => (
            "Eén echtgenoot in een inrichting (art. 23-3): {in_inrichting} + norm als alleenstaande thuis {thuis} = {uitkomst}.",
            "Eén van u woont in een instelling. De norm voor u samen is {uitkomst} per maand.",
        ),
        "vermogen.grens_alleenstaande" => (
            "Vermogensgrens alleenstaande: {uitkomst}.",
            "U mag tot {uitkomst} aan spaargeld en bezit hebben.",
        ),
        "vermogen.grens_alleenstaande_ouder" => (
            "Vermogensgrens alleenstaande ouder: {uitkomst}.",
            "U mag tot {uitkomst} aan spaargeld en bezit hebben.",
        ),
        "vermogen.grens_gehuwden" => (
            "Vermogensgrens gehuwden: {uitkomst}.",
            "U en uw partner mogen samen tot {uitkomst} aan spaargeld en bezit hebben.",
        ),
        "vermogen.eigen_woning" => (
            "Overwaarde eigen woning {overwaarde}; vrijgelaten {vrijlating}; daarboven {boven_vrijlating}, eerder geleend {eerder_geleend}; ruimte voor geldlening: {uitkomst}.",
            "Uw huis is {overwaarde} meer waard dan de hypotheek. Tot {vrijlating} telt dat niet mee.",
        ),
        "vermogen.berekend" => (
            "Vermogen: bezittingen {bezittingen} min schulden {schulden} = {uitkomst}.",
            "Uw bezit min uw schulden is {uitkomst}.",
        ),
        "vermogen.toets" => (
            "Vermogen {vermogen} binnen de grens {grens}: {uitkomst}.",
            "Is uw bezit niet hoger dan {grens}? {uitkomst}.",
        ),
        "vrijlating.n" => (
            "Vrijlating n ({wie}): 25% van arbeidsinkomen {arbeid}, ten hoogste {maximum}; maand {maand_van_vrijlating} van de vrijlating, daarna nog {maanden_nog}: {uitkomst}.",
            "Van {loon_van} telt {uitkomst} niet mee. Dat kan na deze maand nog {maanden_nog}.",
        ),
        "vrijlating.n_aow" => (
            "Vrijlating n ({wie}, AOW-leeftijd: geen termijn en geen oordeel van het college nodig): 25% van arbeidsinkomen {arbeid}, ten hoogste {maximum}: {uitkomst}.",
            "Van {loon_van} telt {uitkomst} niet mee. Na de AOW-leeftijd geldt dat zolang het werk duurt.",
        ),
        "vrijlating.n_geen_oordeel" => (
            "Vrijlating n ({wie}) niet toegepast: het college vindt niet dat het werk bijdraagt aan arbeidsinschakeling.",
            "Van {loon_van} telt alles mee. Wij vinden dat dit werk niet helpt om meer betaald werk te krijgen. Alleen dan mag u een deel houden.",
        ),
        "vrijlating.n_onder_27" => (
            "Vrijlating n ({wie}) geldt niet onder 27 jaar (leeftijd {leeftijd}).",
            "Wie jonger is dan 27, mag geen deel van het loon houden. Daarom telt {loon_van} helemaal mee.",
        ),
        "vrijlating.n_verlopen" => (
            "Vrijlating n ({wie}) is verlopen ({maanden} maanden gebruikt, ten hoogste zes).",
            "De zes maanden waarin een deel van het loon niet meetelde, zijn voorbij. Van {loon_van} telt nu alles mee.",
        ),
        "vrijlating.r" => (
            "Vrijlating r (alleenstaande ouder, kind < 12): 12,5% van {arbeid}, ten hoogste {maximum}, maand {maand_van_vrijlating} van 30: {uitkomst}.",
            "Omdat u alleen voor een jong kind zorgt, houdt u {uitkomst} van uw loon.",
        ),
        "vrijlating.r_verlopen" => (
            "Vrijlating r is verlopen ({maanden} maanden gebruikt, ten hoogste 30).",
            "De extra vrijlating voor alleenstaande ouders is voorbij. Van {loon_van} telt nu alles mee.",
        ),
        "vrijlating.r_n_niet_voorbij" => (
            "Vrijlating r nog niet: eerst moeten de zes maanden van vrijlating n voorbij zijn ({maanden_n} maanden gebruikt).",
            "De extra vrijlating voor alleenstaande ouders kan pas na de eerste zes maanden met vrijlating.",
        ),
        "vrijlating.r_geen_oordeel" => (
            "Vrijlating r niet toegepast: het college vindt niet dat het werk bijdraagt aan arbeidsinschakeling (art. 31, tweede lid, onderdeel r, onder 3°).",
            "Wij vinden dat dit werk niet helpt om meer betaald werk te krijgen. Daarom krijgt u de extra vrijlating voor alleenstaande ouders niet.",
        ),
        "vrijlating.y" => (
            "Vrijlating y (medisch urenbeperkt): 15% van {arbeid}, ten hoogste {maximum}: {uitkomst}.",
            "Omdat u door uw gezondheid minder uren kunt werken, houdt u {uitkomst} van uw loon.",
        ),
        "vrijlating.z" => (
            "Vrijlating z/aa (loonkostensubsidie): 15% van {arbeid}, ten hoogste {maximum}: {uitkomst}.",
            "Omdat u werkt met loonkostensubsidie, houdt u {uitkomst} van uw loon.",
        ),
        "vrijlating.z_verlopen" => (
            "Vrijlating z is na 12 maanden verlopen.",
            "De vrijlating bij loonkostensubsidie is voorbij.",
        ),
        "vrijlating.j" => (
            "Vrijlating j (premie): {premie}, eerder dit jaar {eerder_dit_jaar}, maximum {maximum_per_jaar} per jaar: {uitkomst} vrij.",
            "Van uw premie telt {uitkomst} niet mee.",
        ),
        "vrijlating.k" => (
            "Vrijlating k (vrijwilligersvergoeding): {vergoeding}, maximum {maximum_per_maand} per maand en {maximum_per_jaar} per jaar (eerder {eerder_dit_jaar}): {uitkomst} vrij.",
            "Van uw vrijwilligersvergoeding telt {uitkomst} niet mee.",
        ),
        "vrijlating.m" => (
            "Vrijlating m (giften): {giften}, eerder dit jaar {eerder_dit_jaar}, maximum {maximum_per_jaar} per jaar: {uitkomst} vrij.",
            "Van de giften die u kreeg, telt {uitkomst} niet mee.",
        ),
        "inkomen.in_aanmerking" => (
            "Inkomen in aanmerking ({wie}): {inkomsten} min vrijlatingen {vrijgelaten} = {uitkomst}.",
            "Van {loon_van} en andere inkomsten telt {uitkomst} mee.",
        ),
        "bijstand.recht" => (
            "Bijstand: norm {norm} min inkomen {inkomen} (niet lager dan nul); vermogen binnen grens: {vermogen_binnen_grens}. Recht: {uitkomst}.",
            "U heeft recht op {uitkomst} bijstand per maand.",
        ),
        "bijstand.geldlening" => (
            "Art. 50-2: bijstand per jaar {bijstand_per_jaar}, netto minimumloon {netto_minimumloon}, ruimte boven de vrijlating {leenruimte}: als geldlening {uitkomst}, om niet {om_niet}.",
            "Uw huis is meer waard dan de grens. Daarom krijgt u {uitkomst} als lening. Het andere deel, {om_niet}, hoeft u niet terug te betalen.",
        ),
        "bijstand.geen_recht_vermogen" => (
            "Geen recht: vermogen {vermogen} is hoger dan de grens {grens}.",
            "U heeft meer spaargeld en bezit ({vermogen}) dan de grens van {grens}. Daarom heeft u nu geen recht op bijstand. Komt u onder de grens, dan kunt u opnieuw bijstand aanvragen.",
        ),
        "bijstand.geen_recht_inkomen" => (
            "Geen recht: inkomen {inkomen} is niet lager dan de norm {norm}.",
            "Uw inkomen ({inkomen}) is niet lager dan de bijstandsnorm ({norm}). Daarom heeft u geen recht op bijstand.",
        ),
        "uitvoerder.svb" => (
            "AOW-leeftijd in het huishouden: de algemene bijstand (AIO) verleent de SVB, niet de gemeente. Het bedrag is ter informatie; verwijs naar de SVB.",
            "U of uw partner heeft de AOW-leeftijd. Dan vraagt u aanvullende bijstand (AIO) aan bij de SVB, niet bij de gemeente. Wij helpen u daarbij.",
        ),
        "vakantietoeslag.reservering" => (
            "Vakantietoeslag: {procent} van {bijstand} = {uitkomst} gereserveerd.",
            "Elke maand sparen wij {uitkomst} vakantiegeld voor u. U krijgt dat in juni.",
        ),
        "bijstand.uit_te_betalen" => (
            "Uit te betalen: {bijstand} min vakantietoeslag {vakantietoeslag} = {uitkomst}.",
            "Wij betalen u {uitkomst} per maand.",
        ),
        "bijstand.uit_te_betalen_svb" => (
            "Uit te betalen door de SVB (AIO): {bijstand} min vakantietoeslag {vakantietoeslag} = {uitkomst}.",
            "De SVB betaalt dan ongeveer {uitkomst} per maand. De SVB beslist daarover.",
        ),
        "iit.leeftijd" => (
            "Leeftijd 21 jaar tot de AOW-leeftijd: {uitkomst} (leeftijdsgroep {leeftijdsgroep}).",
            "Bent u 21 jaar of ouder en nog geen AOW-leeftijd? {uitkomst}.",
        ),
        "iit.vermogen" => (
            "Geen vermogen boven de vermogensgrens van art. 34: {uitkomst}.",
            "Is uw spaargeld en bezit lager dan de grens? {uitkomst}.",
        ),
        "iit.inkomensgrens" => (
            "Inkomensgrens: {procent_van_norm} van de norm {norm} = {uitkomst} per maand.",
            "Uw inkomen mag ten hoogste {uitkomst} per maand zijn.",
        ),
        "iit.onder_grens_volgens_bron" => (
            "{bron} bevestigt: het netto inkomen was in elk van de laatste {maanden} niet hoger dan {grens_bron} (gesloten vraag, geen bedragen). Telt als laag inkomen bij een inkomensgrens van {inkomensgrens}: {uitkomst}.",
            "{bron} laat weten dat uw inkomen {maanden} lang elke maand niet hoger was dan {grens_bron}. Telt dit als laag inkomen? {uitkomst}.",
        ),
        "iit.langdurig_laag_inkomen" => (
            "Langdurig laag inkomen (elke maand ten hoogste {inkomensgrens}, over {referentieperiode_maanden}): {uitkomst}. Opgegeven {maanden_opgegeven} maanden, waarvan {maanden_bijstand} met bijstand; {maanden_boven_grens} boven de grens; {maanden_zonder_bewijs} zonder bewijs ({zonder_bewijs}).",
            "Had u {referentieperiode_maanden} lang elke maand een laag inkomen? {uitkomst}.",
        ),
        "iit.langdurig_laag_inkomen_gemiddeld" => (
            "Langdurig laag inkomen (gemiddeld ten hoogste {inkomensgrens} over {referentieperiode_maanden}): {uitkomst}. Inkomen samen {inkomen_samen} (maanden met bijstand tellen als de grens), ten hoogste {ten_hoogste}; {maanden_bijstand} maanden bijstand, {maanden_zonder_bewijs} zonder bewijs ({zonder_bewijs}).",
            "Was uw inkomen over {referentieperiode_maanden} gemiddeld laag genoeg? {uitkomst}.",
        ),
        "iit.uitzicht_op_inkomensverbetering" => (
            "Uitzicht op inkomensverbetering (krachten, bekwaamheden en inspanningen): {uitkomst}.",
            "Wordt uw inkomen binnenkort beter? Daar kijkt een medewerker naar: {uitkomst}.",
        ),
        "iit.eerder_verleend" => (
            "Inkomenstoeslag verleend op {laatste_iit}, binnen 12 maanden voor de aanvraag van {aanvraagdatum}: {uitkomst}.",
            "Kreeg u de inkomenstoeslag in de 12 maanden voor {aanvraagdatum}? {uitkomst}.",
        ),
        "iit.recht" => (
            "Recht op individuele inkomenstoeslag: {uitkomst} ({reden}).",
            "Krijgt u de inkomenstoeslag? {uitkomst}. {waarom}",
        ),
        "iit.bedrag_alleenstaande"
        | "iit.bedrag_alleenstaande_ouder"
        | "iit.bedrag_gehuwden"
        | "iit.bedrag_gehuwden_met_kinderen" => (
            "Bedrag individuele inkomenstoeslag volgens gemeentelijk beleid: {uitkomst} per jaar.",
            "De inkomenstoeslag is {uitkomst}.",
        ),
        "iit.bedrag_kind" => (
            "Per kind van {van} tot en met {tot_en_met} jaar: {uitkomst} (kind van {leeftijd}).",
            "Voor uw kind van {leeftijd} komt er {uitkomst} bij.",
        ),
        "iit.bedrag_totaal" => (
            "Individuele inkomenstoeslag samen: {uitkomst} per jaar.",
            "Samen is de inkomenstoeslag {uitkomst}.",
        ),
        "bb.kostensoort" => (
            "Kostensoort uit de catalogus: {uitkomst}; vorm {vorm}; periodiek {periodiek}; maximum {maximum} (0 = geen).",
            "U vraagt bijzondere bijstand voor: {uitkomst}.",
        ),
        "bb.maximum" => (
            "Kosten {kosten} boven het maximum van het beleid: {uitkomst} telt.",
            "De gemeente betaalt ten hoogste {uitkomst} voor deze kosten.",
        ),
        "bb.kosten_periode" => (
            "Kosten per maand {per_maand} × {maanden} (draagkrachtperiode) = {uitkomst}.",
            "Uw kosten over {maanden} zijn {uitkomst}.",
        ),
        "bb.draagkrachtvrije_ruimte" => (
            "Draagkrachtvrije ruimte: norm {norm} + {vrije_ruimte} = {uitkomst} per maand.",
            "Inkomen tot {uitkomst} per maand houdt u zelf.",
        ),
        "bb.draagkracht_inkomen" => (
            "Draagkracht uit inkomen: {procent} van (inkomen {inkomen} − norm {norm} − vrije ruimte {vrije_ruimte} = {boven}) = {uitkomst} per maand.",
            "Van uw inkomen boven de grens kunt u zelf {uitkomst} per maand betalen.",
        ),
        "bb.draagkracht_vermogen" => (
            "Draagkracht uit vermogen: {procent} van (vermogen {vermogen} − vrijgelaten {vrijgelaten}) = {uitkomst} (vermogen onder de grens telt mee: {vermogen_onder_grens_telt}).",
            "Van uw spaargeld kunt u zelf {uitkomst} betalen.",
        ),
        "bb.draagkracht" => (
            "Draagkracht: {per_maand} × {maanden} = {uit_inkomen}, plus uit vermogen {uit_vermogen} = {uitkomst}.",
            "U kunt zelf {uitkomst} betalen.",
        ),
        "bb.drempel_geweigerd" => (
            "Kosten binnen 12 maanden {kosten_binnen_12_maanden} niet boven de drempel {drempel} (art. 35-2); de gemeente weigert dan.",
            "Uw kosten in twaalf maanden ({kosten_binnen_12_maanden}) zijn niet hoger dan {drempel}. Zulke kleine kosten vergoedt de gemeente niet.",
        ),
        "bb.drempel_niet_toegepast" => (
            "Kosten binnen 12 maanden {kosten_binnen_12_maanden} niet boven de drempel {drempel} (art. 35-2); de gemeente vergoedt ze toch.",
            "Uw kosten zijn klein, maar de gemeente vergoedt ook kleine kosten.",
        ),
        "bb.bedrag" => (
            "Bijzondere bijstand: kosten {kosten} min draagkracht {draagkracht} = {uitkomst} (niet minder dan nul).",
            "U krijgt {uitkomst} bijzondere bijstand.",
        ),
        "bb.per_maand" => (
            "Per maand: {uitkomst} gedurende {maanden}; de eerste maand {eerste_maand}.",
            "U krijgt {uitkomst} per maand; de eerste maand {eerste_maand}.",
        ),
        "bb.vorm" => (
            "Vorm van de bijzondere bijstand: {uitkomst}.",
            "U krijgt het geld als: {uitkomst}.",
        ),
        "bb.document_ontbreekt" => (
            "Document ontbreekt: {uitkomst}; vraag het op.",
            "Wij hebben nog nodig: {uitkomst}.",
        ),
        _ => ("{uitkomst}", "{uitkomst}"),
    }
}

fn vul(sjabloon: &str, stap: &Stap<'_>) -> String {
    let mut uit = String::with_capacity(sjabloon.len() + 32);
    let mut rest = sjabloon;
    while let Some(begin) = rest.find('{') {
        uit.push_str(&rest[..begin]);
        let Some(eind) = rest[begin..].find('}') else {
            break;
        };
        let naam = &rest[begin + 1..begin + eind];
        let waarde = if naam == "uitkomst" {
            Some(stap.uitkomst)
        } else {
            stap.waarde(naam)
        };
        match waarde {
            Some(w) => uit.push_str(&w.tekst()),
            None => uit.push_str(&rest[begin..=begin + eind]),
        }
        rest = &rest[begin + eind + 1..];
    }
    uit.push_str(rest);
    uit
}

/// The caseworker's line for a step.
pub fn precies(stap: &Stap<'_>) -> String {
    vul(sjablonen(stap.code).0, stap)
}

/// The resident's line for a step (B1).
pub fn b1(stap: &Stap<'_>) -> String {
    vul(sjablonen(stap.code).1, stap)
}

/// The explanation as text for caseworkers: one line per step with its
/// legal reference.
pub fn als_tekst(uitleg: &Uitleg<'_>) -> String {
    let mut uit = String::new();
    for (i, s) in uitleg.stappen.iter().enumerate() {
        uit.push_str(&format!(
            "{:>2}. {}\n    [{}]\n",
            i + 1,
            precies(s),
            s.verwijzing
        ));
    }
    uit
}

/// The explanation in plain Dutch for residents.
pub fn als_b1(uitleg: &Uitleg<'_>) -> Vec<String> {
    uitleg.stappen.iter().map(b1).collect()
}

fn grootheid(g: Grootheid) -> Value {
    serde_json::to_value(g).unwrap_or(Value::Null)
}

/// One step as JSON.
pub fn stap_json(s: &Stap<'_>) -> Value {
    let invoer: Map<String, Value> = s
        .invoer()
        .iter()
        .map(|(n, g)| ((*n).to_owned(), grootheid(*g)))
        .collect();
    json!({
        "code": s.code,
        "verwijzing": s.verwijzing,
        "invoer": invoer,
        "uitkomst": grootheid(s.uitkomst),
        "tekst": precies(s),
        "b1": b1(s),
    })
}

/// The whole calculation as JSON (the output of `gbi calc`).
pub fn berekening_json(b: &Berekening<'_>, met_uitleg: bool) -> Value {
    let mut v = json!({
        "datum": b.datum.to_string(),
        "gemeente_code": b.gemeente.map(|g| g.to_string()),
        "uitkomst": b.uitkomst,
        "iit": b.iit,
        "bijzondere_bijstand": b.bijzondere_bijstand,
    });
    if met_uitleg && let Some(o) = v.as_object_mut() {
        o.insert(
            "uitleg".into(),
            Value::Array(b.uitleg.stappen.iter().map(stap_json).collect()),
        );
    }
    v
}
